using ChatFake.FakeModel;

namespace ChatFake.Tests.FakeModel;

public sealed class ChunkingTests
{
    [Fact]
    public void First_chunk_is_the_prefix_with_one_character_and_every_later_chunk_one_user_perceived_character()
    {
        var reply = new Reply("[gpt-4] ",
            "a" + "👨‍💻" + "中" + "🇨🇳" + "e\u0301" + "😀" + "👨‍👩‍👧‍👦" + "👍🏽" + "1\uFE0F\u20E3" + "\n" + "𠀀");

        Assert.Equal(
            ["[gpt-4] a", "👨‍💻", "中", "🇨🇳", "e\u0301", "😀", "👨‍👩‍👧‍👦", "👍🏽", "1\uFE0F\u20E3", "\n", "𠀀"],
            reply.Chunks());
    }

    [Fact]
    public void A_reply_without_prefix_starts_with_a_single_character()
    {
        var reply = new Reply("", "🧋好");
        Assert.Equal(["🧋", "好"], reply.Chunks());
    }

    [Fact]
    public void A_leading_emoji_sequence_travels_whole_with_the_prefix()
    {
        var reply = new Reply("[claude-3-opus] ", "👩‍🔬ok");
        Assert.Equal(["[claude-3-opus] 👩‍🔬", "o", "k"], reply.Chunks());
    }

    [Fact]
    public void Chunks_of_every_voice_concatenate_to_the_reply_and_never_split_a_surrogate_pair()
    {
        string[] contents = ["你好，AI！", "hello there", "讲个笑话 😂", "how do I fix 👨‍💻 bugs?", "", "x"];
        foreach (var content in contents)
        {
            foreach (var reply in AllVoices.All(content))
            {
                var chunks = reply.Chunks();
                Assert.Equal(reply.Text, string.Concat(chunks));
                foreach (var chunk in chunks)
                {
                    Assert.False(char.IsLowSurrogate(chunk[0]), $"chunk starts inside a pair: {chunk}");
                    Assert.False(char.IsHighSurrogate(chunk[^1]), $"chunk ends inside a pair: {chunk}");
                }
            }
        }
    }
}

static class AllVoices
{
    public static readonly string[] Models = ["gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "claude-3-opus", "claude-3-sonnet"];
    public static readonly string[] Bots = ["bot-cs", "bot-tech", "bot-funny"];

    public static IEnumerable<Reply> All(string content) => All(content, Scenario.None);

    public static IEnumerable<Reply> All(string content, Scenario scenario) =>
        Models.Select(m => ReplyComposer.ForModel(m, content, scenario)).Concat(Bots.Select(b => ReplyComposer.ForBot(b, content, scenario)));
}
