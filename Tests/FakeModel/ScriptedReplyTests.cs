using System.Net;
using System.Text;
using ChatFake.FakeModel;
using Microsoft.Extensions.Options;

namespace ChatFake.Tests.FakeModel;

/// <summary>X-Fake-Reply on every native AI route: the text said is the text streamed, sent and stored.</summary>
public sealed class ScriptedReplyTests(App app) : IClassFixture<App>
{
    const string Script = "你好，世界！👨‍💻 **Markdown** 1+1=2, 100%\n\n- a list\n- `code`\n";

    static Dictionary<string, string> Scripted(string text, string? scenario = null)
    {
        var headers = new Dictionary<string, string> { ["X-Fake-Reply"] = Uri.EscapeDataString(text) };
        if (scenario is not null) headers["X-Fake-Scenario"] = scenario;
        return headers;
    }

    public static TheoryData<AiRoute> Routes => new(Exchanges.All);

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_header_is_what_every_responder_says_streamed_sent_and_stored(AiRoute route)
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(route, "anything at all", Scripted(Script));

        Assert.Equal(route is AiRoute.Send or AiRoute.GroupSend ? HttpStatusCode.Created : HttpStatusCode.OK, exchange.Status);
        // Personal replies keep the model prefix; in a group every bot says the text as it is.
        string[] expected = route.IsGroup() ? [Script, Script, Script] : ["[gpt-4] " + Script];
        Assert.Equal(expected, exchange.Received);
        Assert.Equal(expected, exchange.Stored);
    }

    [Theory]
    [InlineData("1+1", "1+1")]
    [InlineData("%20spaced%20", " spaced ")]
    [InlineData("a%2Bb%25", "a+b%")]
    [InlineData("%F0%9F%91%A8%E2%80%8D%F0%9F%92%BB", "👨‍💻")]
    public async Task Only_percent_escapes_are_decoded_a_plus_stays_and_nothing_is_trimmed(string header, string text)
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(AiRoute.Send, "hi", new Dictionary<string, string> { ["X-Fake-Reply"] = header });

        Assert.Equal(["[gpt-4] " + text], exchange.Stored);
    }

    [Fact]
    public async Task An_empty_header_is_no_header()
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(AiRoute.Send, "hello", new Dictionary<string, string> { ["X-Fake-Reply"] = "" });

        Assert.Equal([ReplyComposer.ForModel("gpt-4", "hello").Text], exchange.Stored);
    }

    [Fact]
    public async Task Exactly_8000_characters_are_said_whole()
    {
        var user = await app.NewUserAsync();
        var text = string.Concat(Enumerable.Repeat("长😀", 2000)) + new string('x', 2000);
        Assert.Equal(ScriptedReplies.MaxLength, text.Length);

        var exchange = await user.ExchangeAsync(AiRoute.Stream, "hi", Scripted(text));

        Assert.Equal(["[gpt-4] " + text], exchange.Received);
        Assert.Equal(["[gpt-4] " + text], exchange.Stored);
    }

    public static TheoryData<AiRoute, string, string> BadHeaders()
    {
        var data = new TheoryData<AiRoute, string, string>();
        (string Header, string Error)[] bad =
        [
            ("%E4%B8", "the decoded bytes are not UTF-8"),
            ("%C3%28", "the decoded bytes are not UTF-8"),
            ("100%", "\"%\" at position 3 is not followed by two hex digits"),
            ("%zz", "\"%\" at position 0 is not followed by two hex digits"),
            ("%4", "\"%\" at position 0 is not followed by two hex digits"),
            (new string('a', 8001), "X-Fake-Reply must be at most 8000 characters once decoded (got 8001)"),
            (string.Concat(Enumerable.Repeat("%E9%95%BF", 8001)), "X-Fake-Reply must be at most 8000 characters once decoded (got 8001)"),
        ];
        foreach (var route in Exchanges.All)
            foreach (var (header, error) in bad)
                data.Add(route, header, error);
        return data;
    }

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_bad_header_is_a_400_and_nothing_is_stored(AiRoute route, string header, string error)
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(route, "hi", new Dictionary<string, string> { ["X-Fake-Reply"] = header });

        Assert.Equal(HttpStatusCode.BadRequest, exchange.Status);
        Assert.False((bool)exchange.Body!["success"]!);
        var message = Assert.Single(exchange.Body["errors"]!["X-Fake-Reply"]!.AsArray());
        Assert.Contains(error, (string)message!);
        Assert.Empty(exchange.Messages);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_scenario_still_applies_error_fails_before_any_reply(AiRoute route)
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(route, "hi", Scripted(Script, "error"));

        Assert.Empty(exchange.Received);
        Assert.Empty(exchange.Stored);
        var userMessage = Assert.Single(exchange.Messages);
        Assert.Equal(1, (int)userMessage["ai_error"]!);
    }

    [Fact]
    public async Task A_flaky_scenario_retries_then_says_the_script()
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(AiRoute.GroupStream, "hi", Scripted(Script, "flaky"));

        Assert.Equal([Script, Script, Script], exchange.Stored);
    }

    [Fact]
    public async Task The_text_scenarios_do_not_change_a_script()
    {
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(AiRoute.Send, "hi", Scripted("short", "long"));

        Assert.Equal(["[gpt-4] short"], exchange.Stored);
    }
}

/// <summary>The FAKE_REPLIES_PATH rules file: read at start-up, first match wins, the header beats it.</summary>
public sealed class ReplyRulesTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", Guid.NewGuid().ToString("N"));

    public ReplyRulesTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    string RulesFile(string json)
    {
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json, Encoding.UTF8);
        return path;
    }

    App AppWithRules(string json) => App.With(new Dictionary<string, string?> { ["FAKE_REPLIES_PATH"] = RulesFile(json) });

    const string Rules = """
        // A suite's fixtures: comments and trailing commas are fine.
        [
          { "match": "订单", "reply": "您的订单已发货 📦" },
          { "match": "/^hello\\b/i", "model": "gpt-4", "reply": "Hi from the script.\n\n| a | b |\n|---|---|\n| 1 | 2 |" },
          { "match": "boom", "reply": "never said", "scenario": "error" },
          { "match": "//", "model": "bot-funny", "reply": "funny, always" },
          { "match": "订单号", "reply": "never: the first rule matches first" },
        ]
        """;

    [Fact]
    public async Task A_plain_match_is_a_case_sensitive_substring_and_applies_to_every_model_and_bot()
    {
        using var app = AppWithRules(Rules);
        var user = await app.NewUserAsync();

        Assert.Equal(["[gpt-3.5-turbo] 您的订单已发货 📦"], (await user.ExchangeAsync(AiRoute.Stream, "我的订单号是 42", modelId: "gpt-3.5-turbo")).Stored);
        // First match wins: bot-funny's own rule comes later.
        Assert.Equal(["您的订单已发货 📦", "您的订单已发货 📦", "您的订单已发货 📦"], (await user.ExchangeAsync(AiRoute.GroupSend, "查订单")).Stored);
        Assert.Equal([ReplyComposer.ForModel("gpt-4", "ORDER 订 单").Text], (await user.ExchangeAsync(AiRoute.Send, "ORDER 订 单")).Stored);
    }

    [Fact]
    public async Task A_slash_pattern_is_a_regular_expression_and_a_model_rule_applies_to_that_model_only()
    {
        using var app = AppWithRules(Rules);
        var user = await app.NewUserAsync();
        const string scripted = "Hi from the script.\n\n| a | b |\n|---|---|\n| 1 | 2 |";

        Assert.Equal(["[gpt-4] " + scripted], (await user.ExchangeAsync(AiRoute.Send, "HELLO there")).Stored);
        Assert.Equal(["[gpt-4] " + scripted], (await user.ExchangeAsync(AiRoute.Stream, "hello")).Received);
        Assert.Equal([ReplyComposer.ForModel("gpt-4", "say hello").Text], (await user.ExchangeAsync(AiRoute.Send, "say hello")).Stored);
        Assert.Equal([ReplyComposer.ForModel("claude-3-opus", "hello").Text],
            (await user.ExchangeAsync(AiRoute.Send, "hello", modelId: "claude-3-opus")).Stored);
        // In a group only bot-funny has a rule ("//" matches every message).
        Assert.Equal([ReplyComposer.ForBot("bot-cs", "hello").Text, "funny, always", ReplyComposer.ForBot("bot-tech", "hello").Text],
            (await user.ExchangeAsync(AiRoute.GroupStream, "hello")).Received);
    }

    [Fact]
    public async Task The_header_beats_the_file_and_the_rules_scenario_applies_when_the_request_names_none()
    {
        using var app = AppWithRules(Rules);
        var user = await app.NewUserAsync();

        var headerWins = await user.ExchangeAsync(AiRoute.Send, "订单", new Dictionary<string, string> { ["X-Fake-Reply"] = "header" });
        Assert.Equal(["[gpt-4] header"], headerWins.Stored);

        var failed = await user.ExchangeAsync(AiRoute.Send, "boom", modelId: "gpt-3.5-turbo");
        Assert.Equal(HttpStatusCode.Accepted, failed.Status);
        Assert.Equal(1, (int)Assert.Single(failed.Messages)["ai_error"]!);

        var slow = await user.ExchangeAsync(AiRoute.Send, "boom", new Dictionary<string, string> { ["X-Fake-Scenario"] = "slow" });
        Assert.Equal(["[gpt-4] never said"], slow.Stored);
    }

    [Fact]
    public async Task A_rules_rate_limit_is_a_429_before_anything_is_stored()
    {
        using var app = AppWithRules("""[{ "match": "busy", "reply": "x", "scenario": "rate_limit" }]""");
        var user = await app.NewUserAsync();

        var exchange = await user.ExchangeAsync(AiRoute.GroupStream, "busy now?");

        Assert.Equal(HttpStatusCode.TooManyRequests, exchange.Status);
        Assert.Empty(exchange.Messages);
    }

    [Fact]
    public async Task Without_a_file_the_composer_answers()
    {
        using var app = new App();
        var user = await app.NewUserAsync();

        Assert.Equal([ReplyComposer.ForModel("gpt-4", "订单").Text], (await user.ExchangeAsync(AiRoute.Send, "订单")).Stored);
    }

    [Theory]
    [InlineData("{}", "must be a JSON array of rules")]
    [InlineData("[", "not valid JSON")]
    [InlineData("""[{ "match": "ok", "reply": "fine" }, { "match": "/[/", "reply": "x" }]""", "rule 2 (match \"/[/\"): \"match\" is not a valid .NET regular expression")]
    [InlineData("""[{ "match": "a", "replay": "x" }]""", "rule 1 (match \"a\"): unknown field \"replay\"")]
    [InlineData("""[{ "match": "a", "reply": "x" }, { "reply": "x" }]""", "rule 2: \"match\" is required")]
    [InlineData("""[{ "match": "a" }]""", "rule 1 (match \"a\"): \"reply\" is required")]
    [InlineData("""[{ "match": "", "reply": "x" }]""", "\"match\" must not be empty")]
    [InlineData("""[{ "match": "a", "reply": "" }]""", "\"reply\" must not be empty")]
    [InlineData("""[{ "match": "a", "reply": 3 }]""", "\"reply\" must be a string")]
    [InlineData("""[{ "match": "a", "reply": "x", "model": "gpt-5" }]""", "\"model\" must be one of gpt-4, gpt-4-turbo, gpt-3.5-turbo, claude-3-opus, claude-3-sonnet, bot-cs, bot-tech, bot-funny (got \"gpt-5\")")]
    [InlineData("""[{ "match": "a", "reply": "x", "scenario": "explode" }]""", "\"scenario\" must be one of error, flaky")]
    [InlineData("""["a"]""", "rule 1: must be an object")]
    public void A_bad_rules_file_stops_the_app_at_start_up_naming_the_rule(string json, string problem)
    {
        using var app = AppWithRules(json);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("FAKE_REPLIES_PATH", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_missing_rules_file_stops_the_app()
    {
        using var app = App.With(new Dictionary<string, string?> { ["FAKE_REPLIES_PATH"] = Path.Combine(directory, "nope.json") });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("nope.json): no such file", error.Message);
    }

    [Fact]
    public async Task A_long_reply_in_a_rule_is_never_cut_by_AI_REPLY_MAX_CHARS()
    {
        var reply = string.Concat(Enumerable.Repeat("一段很长的脚本回复。", 100));
        using var app = App.With(new Dictionary<string, string?>
        {
            ["FAKE_REPLIES_PATH"] = RulesFile($$"""[{ "match": "script", "reply": "{{reply}}" }]"""),
            ["AI_REPLY_MAX_CHARS"] = "50",
        });
        var user = await app.NewUserAsync();

        Assert.Equal(["[gpt-4] " + reply], (await user.ExchangeAsync(AiRoute.Stream, "script")).Stored);
    }
}

/// <summary>Kestrel's own header limits, which the TestServer does not apply.</summary>
public sealed class ScriptedReplyHeaderLimitTests : IAsyncLifetime
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", Guid.NewGuid().ToString("N"));
    AppProcess app = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        app = await AppProcess.StartHealthyAsync(Path.Combine(directory, "chatfake.db"));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Eight_thousand_CJK_characters_72_KB_encoded_reach_the_app_and_are_streamed_whole()
    {
        var user = await LoginAsync();
        var text = new string('长', ScriptedReplies.MaxLength);
        var header = Uri.EscapeDataString(text);
        Assert.Equal(72_000, header.Length);

        var exchange = await user.ExchangeAsync(AiRoute.Stream, "hi", new Dictionary<string, string> { ["X-Fake-Reply"] = header });

        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        Assert.Equal(["[gpt-4] " + text], exchange.Received);
        Assert.Equal(["[gpt-4] " + text], exchange.Stored);
    }

    [Fact]
    public async Task Headers_past_128_KB_are_refused_by_Kestrel_with_431()
    {
        var user = await LoginAsync();
        var conversation = await user.NewThreadAsync(AiRoute.Send);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversation}/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { content = "hi" }),
        };
        request.Headers.TryAddWithoutValidation("X-Fake-Reply", new string('a', 130 * 1024));

        using var response = await user.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    async Task<UserClient> LoginAsync()
    {
        var login = await app.Client.PostAsync("/api/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { email = "test@test.com", password = "123456" }));
        var data = await login.AssertDataAsync();
        var http = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", (string)data["token"]!);
        return new UserClient(http, (string)data["user"]!["id"]!, "testuser", (string)data["token"]!);
    }
}
