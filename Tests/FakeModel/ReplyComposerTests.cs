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
    public void Every_body_is_at_least_40_characters_and_some_replies_run_past_1500()
    {
        var lengths = contents.SelectMany(c => AllVoices.All(c.Trim())).Select(r => r.Body.Length).ToList();
        Assert.All(lengths, length => Assert.True(length >= ReplyComposer.MinBodyLength, $"{length}"));
        Assert.Contains(lengths, length => length > 1500);
        Assert.Contains(lengths, length => length < 300);
    }

    [Fact]
    public void The_first_line_is_the_prefix_and_an_opening_sentence_and_every_block_starts_on_a_line_of_its_own()
    {
        foreach (var scenario in new[] { Scenario.None, Scenario.Long, Scenario.Markdown })
        foreach (var content in contents.Take(60))
        foreach (var reply in AllVoices.All(content, scenario))
        {
            var blocks = reply.Text.Split("\n\n");
            Assert.StartsWith(reply.Prefix, blocks[0]);
            Assert.DoesNotContain('\n', blocks[0]);
            Assert.False(StartsABlock(blocks[0][reply.Prefix.Length..]), blocks[0]);
            // After the opening line, a block is one paragraph, or starts with its construct.
            foreach (var block in blocks.Skip(1))
                Assert.True(!block.Contains('\n') || StartsABlock(block), $"a construct inside a paragraph: {block}");
        }
    }

    [Fact]
    public void The_long_scenario_writes_at_least_4000_characters_in_every_shape()
    {
        foreach (var content in new[] { "hello", "讲个长一点的故事", "a" })
        foreach (var reply in AllVoices.All(content, Scenario.Long))
        {
            Assert.True(reply.Body.Length >= 4000, $"{reply.Body.Length}");
            foreach (var construct in Constructs)
                Assert.Contains(construct, reply.Body);
            Assert.Matches(InlineCode, reply.Body);
        }
    }

    [Fact]
    public void The_markdown_scenario_writes_every_construct_once_with_a_tagged_fence_and_a_zwj_emoji()
    {
        foreach (var content in new[] { "hello", "你好" })
        foreach (var reply in AllVoices.All(content, Scenario.Markdown))
        {
            foreach (var construct in Constructs.Append("\n### ").Append("**").Append("*"))
                Assert.Contains(construct, reply.Body);
            Assert.Matches(InlineCode, reply.Body);
            Assert.Matches("\n```[a-z]+\n", reply.Body);
            Assert.Contains("👨‍💻", reply.Chunks());
            Assert.True(reply.Body.Length < ReplyComposer.LongBodyLength);
        }
    }

    [Fact]
    public void The_long_and_markdown_scenarios_answer_in_Chinese_to_Chinese()
    {
        foreach (var scenario in new[] { Scenario.Long, Scenario.Markdown })
        {
            foreach (var reply in AllVoices.All("请介绍一下你自己", scenario))
                Assert.Contains(reply.Body, c => c is >= '\u4E00' and <= '\u9FFF');
            foreach (var reply in AllVoices.All("Please introduce yourself", scenario))
                Assert.DoesNotContain(reply.Body, c => c is >= '\u4E00' and <= '\u9FFF');
        }
    }

    // Heading, table, nested list, bullets, numbers, fence, quote, link.
    static readonly string[] Constructs = ["\n## ", "\n|---|---|---|\n", "\n   - ", "\n- ", "\n1. ", "\n```", "\n> ", "](https://"];

    const string InlineCode = "[^`]`[^`\n]+`[^`]";

    static bool StartsABlock(string text) =>
        text.StartsWith('#') || text.StartsWith('|') || text.StartsWith("- ") || text.StartsWith("1. ")
        || text.StartsWith('>') || text.StartsWith("```");

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
        Assert.Equal("[gpt-4-turbo] Hi! The defaults are usually good enough.\n\n## What to watch\n\nA quick prototype usually answers more questions than a long discussion. Measure before and after, or you will not know whether it helped. Write down the assumptions, because they are the first thing to go stale.\n\n> Programs must be written for people to read. (Harold Abelson)\n\n## Overview\n\nThe key to \"hello\" is focus. The edge cases are where most of the surprises live.\n\n1. Write the tests\n   - time-box the first attempt\n   - ask for a second opinion\n2. Optimize last\n   - agree on what done means\n\n## Why \"hello\" matters\n\nThe defaults are usually good enough. Here is the short version; ask for details. Clear names save more time than any clever trick.\n\n1. Optimize last\n2. Keep the code small\n3. Write the tests\n\n## Next steps\n\nA quick prototype usually answers more questions than a long discussion. Small, reversible steps make mistakes cheap. Clear names save more time than any clever trick.\n\n- Write the tests\n- Cover the edge cases\n- Optimize last\n\n## Summary\n\nHere is the short version; ask for details. Measure before and after, or you will not know whether it helped. The key line is `curl -s http://localhost:3000/api/models | jq .`. [the server-sent events standard](https://html.spec.whatwg.org/multipage/server-sent-events.html) covers this well.\n\nThat's it ⚡",
            ReplyComposer.ForModel("gpt-4-turbo", "hello").Text);
        Assert.Equal("[gpt-3.5-turbo] 嗨！关于“讲个长一点的故事”，有几个小建议：\n\n1. 查一下官方文档\n2. 请教有经验的朋友\n3. 动手做个小实验\n\n祝你一切顺利！",
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
            Assert.Equal(AllShapes, shapes.Order());
        }
        foreach (var voice in AllVoices.Bots)
        {
            var shapes = contents.Select(c => ShapeOf(ReplyComposer.ForBot(voice, c).Body)).ToHashSet();
            Assert.Equal(AllShapes, shapes.Order());
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

    static readonly string[] AllShapes = ["bullets", "code", "guide", "nested", "numbered", "quote", "sentences", "table"];

    static string ShapeOf(string body) =>
        body.Contains("\n## ") ? "guide"
        : body.Contains("```") ? "code"
        : body.Contains("\n|") ? "table"
        : body.Contains("\n   - ") ? "nested"
        : body.Contains("\n> ") ? "quote"
        : body.Contains("\n- ") ? "bullets"
        : body.Contains("\n1. ") ? "numbered"
        : "sentences";
}
