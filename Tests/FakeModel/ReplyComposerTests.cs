using System.Globalization;
using ChatFake.FakeModel;

namespace ChatFake.Tests.FakeModel;

public sealed class ReplyComposerTests
{
    static readonly string[] contents =
    [
        "你好，AI！", "hello", "How do I center a div?", "帮我写一个排序算法", "讲个笑话", "What is SSE?",
        "   spaced    out   ", "`code` *bold* # [link](x) | table", "😀😀😀", "👨‍👩‍👧‍👦👨‍💻🇨🇳",
        "a", "?", new string('长', 8000), string.Concat(Enumerable.Repeat("👨‍💻", 700)),
        string.Concat(Enumerable.Repeat("e\u0301\u0302\u0303", 500)), "line one\nline two\r\n\tline three",
        "Explain Kubernetes pods, deployments and services in detail please", "数据库索引是怎么工作的？",
        .. Enumerable.Range(0, 120).Select(i => $"question number {i}"),
        .. Enumerable.Range(0, 120).Select(i => $"第{i}个问题"),
    ];

    [Fact]
    public void Model_replies_carry_the_model_prefix_and_bot_replies_none()
    {
        foreach (var model in AllVoices.Models)
        {
            var reply = ReplyComposer.ForModel(model, "hi");
            Assert.Equal($"[{model}] ", reply.Prefix);
            Assert.StartsWith($"[{model}] ", reply.Text);
        }
        foreach (var bot in AllVoices.Bots)
        {
            var reply = ReplyComposer.ForBot(bot, "hi");
            Assert.Equal("", reply.Prefix);
            Assert.DoesNotContain("[", reply.Text[..1]);
        }
    }

    [Fact]
    public void Every_reply_is_40_to_300_characters_and_its_body_at_least_40()
    {
        foreach (var content in contents)
        {
            foreach (var reply in AllVoices.All(content.Trim()))
            {
                Assert.InRange(reply.Body.Length, ReplyComposer.MinBodyLength, ReplyComposer.MaxLength);
                Assert.InRange(reply.Text.Length, 40, 300);
            }
        }
    }

    [Fact]
    public void The_same_voice_and_content_give_the_same_reply_and_other_content_another()
    {
        Assert.Equal(ReplyComposer.ForModel("gpt-4", "你好"), ReplyComposer.ForModel("gpt-4", "你好"));
        Assert.Equal(ReplyComposer.ForBot("bot-tech", "hello"), ReplyComposer.ForBot("bot-tech", "hello"));

        var replies = contents.Select(c => ReplyComposer.ForModel("gpt-4", c).Text).ToHashSet();
        Assert.True(replies.Count > contents.Length / 2, $"only {replies.Count} distinct replies for {contents.Length} inputs");
    }

    [Fact]
    public void Replies_are_pinned_to_a_stable_seed_not_to_the_process()
    {
        // string.GetHashCode changes with every process; the seed must not. This exact text is
        // what any instance, now or later, answers.
        Assert.Equal("[gpt-4-turbo] Hi! The key to \"hello\" is focus. Here is the short version; ask for details. Fix the most painful part first. Ship it! 🚀",
            ReplyComposer.ForModel("gpt-4-turbo", "hello").Text);
        Assert.Equal("[gpt-3.5-turbo] 嗨！比如这样写：\n\n```python\nprint(\"你好，世界！\")\n```\n\n祝你一切顺利！",
            ReplyComposer.ForModel("gpt-3.5-turbo", "讲个长一点的故事").Text);
    }

    [Fact]
    public void Each_model_and_bot_has_its_own_voice()
    {
        foreach (var content in contents.Take(20))
        {
            var replies = AllVoices.All(content).Select(r => r.Body).ToList();
            Assert.Equal(replies.Count, replies.Distinct().Count());
        }
    }

    [Fact]
    public void Replies_take_every_shape_across_models_and_at_least_three_for_a_handful_of_inputs()
    {
        var few = AllVoices.Models.SelectMany(m => contents.Take(8).Select(c => ShapeOf(ReplyComposer.ForModel(m, c).Body))).ToHashSet();
        Assert.True(few.Count >= 3, $"shapes: {string.Join(", ", few)}");

        foreach (var voice in AllVoices.Models)
        {
            var shapes = contents.Select(c => ShapeOf(ReplyComposer.ForModel(voice, c).Body)).ToHashSet();
            Assert.Equal(["bullets", "code", "numbered", "sentences"], shapes.Order());
        }
        foreach (var voice in AllVoices.Bots)
        {
            var shapes = contents.Select(c => ShapeOf(ReplyComposer.ForBot(voice, c).Body)).ToHashSet();
            Assert.Equal(["bullets", "code", "numbered", "sentences"], shapes.Order());
        }
    }

    [Fact]
    public void Chinese_content_gets_a_Chinese_reply_and_other_content_an_English_one()
    {
        foreach (var reply in AllVoices.All("请介绍一下你自己"))
            Assert.Contains(reply.Body, c => c is >= '\u4E00' and <= '\u9FFF');
        foreach (var reply in AllVoices.All("Please introduce yourself"))
            Assert.DoesNotContain(reply.Body, c => c is >= '\u3000' and <= '\u9FFF');
    }

    [Fact]
    public void Some_replies_carry_emoji_sequences_that_streaming_must_keep_whole()
    {
        var multiUnit = contents.SelectMany(AllVoices.All)
            .SelectMany(r => r.Chunks().Skip(1))
            .Where(chunk => chunk.Length > 2 && new StringInfo(chunk).LengthInTextElements == 1)
            .ToHashSet();
        Assert.Contains("👨‍💻", multiUnit);
    }

    [Fact]
    public void The_users_words_are_quoted_short_and_on_one_line()
    {
        var content = string.Concat(Enumerable.Repeat("line\nbreak ", 50));
        foreach (var reply in AllVoices.All(content))
            Assert.DoesNotContain("line\nbreak", reply.Body);
    }

    static string ShapeOf(string body) =>
        body.Contains("```") ? "code"
        : body.Contains("\n- ") ? "bullets"
        : body.Contains("\n1. ") ? "numbered"
        : "sentences";
}
