using System.Globalization;
using System.Net;
using ChatFake.FakeModel;
using Microsoft.Extensions.Options;

namespace ChatFake.Tests.FakeModel;

/// <summary>The scenarios that steer the text (long, markdown) and AI_REPLY_MAX_CHARS, through HTTP.</summary>
public sealed class TextScenarioTests(App app) : IClassFixture<App>
{
    static Dictionary<string, string> Steer(string name) => new() { ["X-Fake-Scenario"] = name };

    public static TheoryData<AiRoute> Routes => new(Exchanges.All);

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Long_gives_at_least_4000_characters_streamed_sent_and_stored_alike(AiRoute route)
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(route, "讲讲流式输出", Steer("LONG"));

        string[] expected = route.IsGroup()
            ? new[] { "bot-cs", "bot-funny", "bot-tech" }.Select(bot => ReplyComposer.ForBot(bot, "讲讲流式输出", ChatFake.FakeModel.Scenario.Long).Text).ToArray()
            : [ReplyComposer.ForModel("gpt-4", "讲讲流式输出", ChatFake.FakeModel.Scenario.Long).Text];
        Assert.Equal(expected, exchange.Received);
        Assert.Equal(expected, exchange.Stored);
        Assert.All(exchange.Stored, text => Assert.True(text.Length >= 4000, $"{text.Length}"));
    }

    [Fact]
    public async Task Markdown_streams_the_zwj_emoji_as_one_chunk()
    {
        var user = await app.NewUserAsync();
        var conversation = await user.NewThreadAsync(AiRoute.Stream, "claude-3-sonnet");

        var response = await user.Http.PostStreamAsync($"/api/conversations/{conversation}/messages/stream", new { content = "show me markdown" }, "markdown");
        var chunks = Sse.Parse(await response.Content.ReadAsStringAsync())
            .Where(f => f.Type == "aiMessageChunk").Select(f => (string)f.Data["data"]!["content"]!).ToList();

        var expected = ReplyComposer.ForModel("claude-3-sonnet", "show me markdown", ChatFake.FakeModel.Scenario.Markdown).Text;
        Assert.Equal(expected, string.Concat(chunks));
        Assert.Contains("👨‍💻", chunks);
        Assert.Contains("\n```", expected);
        Assert.Contains("\n| ", expected);
    }

    [Fact]
    public async Task AI_REPLY_MAX_CHARS_cuts_composed_bodies_between_characters_and_never_a_script()
    {
        using var capped = App.With(new Dictionary<string, string?> { ["AI_REPLY_MAX_CHARS"] = "25" });
        var user = await capped.NewUserAsync();
        var script = new Dictionary<string, string> { ["X-Fake-Reply"] = Uri.EscapeDataString(new string('s', 300)) };

        foreach (var (content, scenario) in new[] { ("hello", "none"), ("你好 👨‍💻👨‍💻👨‍💻", "markdown"), ("hi", "long") })
        {
            var exchange = await user.ExchangeAsync(AiRoute.Stream, content, scenario == "none" ? null : Steer(scenario));
            var full = ReplyComposer.ForModel("gpt-4", content, scenario == "long" ? ChatFake.FakeModel.Scenario.Long
                : scenario == "markdown" ? ChatFake.FakeModel.Scenario.Markdown : ChatFake.FakeModel.Scenario.None);
            var stored = Assert.Single(exchange.Stored);
            var body = stored["[gpt-4] ".Length..];
            Assert.StartsWith("[gpt-4] ", stored);
            Assert.InRange(body.Length, 20, 25);
            Assert.StartsWith(body, full.Body);
            Assert.Contains(body.Length, StringInfo.ParseCombiningCharacters(full.Body));
        }
        Assert.Equal(["[gpt-4] " + new string('s', 300)], (await user.ExchangeAsync(AiRoute.Send, "hi", script)).Stored);
    }

    [Fact]
    public async Task Without_AI_REPLY_MAX_CHARS_nothing_is_cut()
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(AiRoute.Send, "hello", Steer("long"));

        Assert.Equal([ReplyComposer.ForModel("gpt-4", "hello", ChatFake.FakeModel.Scenario.Long).Text], exchange.Stored);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_cap_below_1_stops_the_app(string value)
    {
        using var bad = App.With(new Dictionary<string, string?> { ["AI_REPLY_MAX_CHARS"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => bad.CreateClient());

        Assert.Contains("AI_REPLY_MAX_CHARS", error.Message);
    }

    [Fact]
    public async Task The_text_scenarios_keep_the_usual_status()
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(AiRoute.GroupSend, "hi", Steer("markdown"));

        Assert.Equal(HttpStatusCode.Created, exchange.Status);
        Assert.Equal(3, exchange.Stored.Count);
    }
}
