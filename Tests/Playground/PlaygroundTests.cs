using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatFake.Infrastructure.Auth;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatFake.Tests.Playground;

/// <summary>
/// The playground at <c>/</c>, driven in headless Chromium as a user would, against the app in
/// its own process on a real port (every test gets a fresh one, with the seeded accounts).
/// Delays are scaled down but not off, so that replies visibly stream; every wait is a
/// Playwright expectation or an observation inside the page, bounded by a deadline.
/// </summary>
public sealed partial class PlaygroundTests : IAsyncLifetime
{
    const string Email = "test@test.com";
    const string Password = "123456";

    static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "playground");

    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "playground-" + Guid.NewGuid().ToString("N"));
    AppProcess? server;
    IPlaywright? playwright;
    IBrowser? browser;
    readonly List<string> scriptErrors = [];

    static PlaygroundTests() => SetDefaultExpectTimeout(30_000); // a busy CI machine, not a slow page

    public async Task InitializeAsync()
    {
        server = await AppProcess.StartHealthyAsync(Path.Combine(directory, "chatfake.db"), new Dictionary<string, string?>
        {
            ["AI_DELAY_SCALE"] = "0.2",
            ["MAX_STREAMS_PER_USER"] = "0",
        });
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (server is not null) await server.DisposeAsync();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        Assert.True(scriptErrors.Count == 0, "errors in the page:\n" + string.Join('\n', scriptErrors));
    }

    AppProcess Server => server ?? throw new InvalidOperationException("not started");

    async Task<IPage> OpenAsync(int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await browser!.NewContextAsync(new()
        {
            BaseURL = $"http://127.0.0.1:{Server.Port}",
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = scheme,
        });
        var page = await context.NewPageAsync();
        // Script exceptions and refusals (CSP) fail the test; a 4xx answer is the page's business.
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                scriptErrors.Add(message.Text);
        };
        await page.GotoAsync("/");
        return page;
    }

    static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
    static ILocator Labelled(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });
    static ILocator Log(IPage page) => page.GetByRole(AriaRole.Log, new() { Name = "Messages", Exact = true });
    static ILocator Conversations(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations", Exact = true });
    static ILocator Alert(IPage page) => page.GetByRole(AriaRole.Alert);
    static ILocator Bubbles(IPage page, string who) => Log(page).Locator($".msg.{who}");

    static async Task LogInAsync(IPage page, string email = Email, string password = Password)
    {
        await Labelled(page, "Email").FillAsync(email);
        await Labelled(page, "Password").FillAsync(password);
        await Button(page, "Log in").ClickAsync();
        await Expect(Button(page, "Log out")).ToBeVisibleAsync();
    }

    /// <summary>Clicks New conversation and returns the id the page opened.</summary>
    static async Task<string> NewConversationAsync(IPage page)
    {
        var before = page.Url;
        await Button(page, "New conversation").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(before);
        await Expect(page).ToHaveURLAsync(ConversationUrl());
        await Expect(Labelled(page, "Message")).ToBeFocusedAsync(); // the page is done opening it
        return ConversationUrl().Match(page.Url).Groups[1].Value;
    }

    /// <summary>Types a message and presses Enter, once the previous reply is over.</summary>
    static async Task SendAsync(IPage page, string content)
    {
        await Expect(Button(page, "Send")).ToBeEnabledAsync();
        await Labelled(page, "Message").FillAsync(content);
        await Labelled(page, "Message").PressAsync("Enter");
    }

    async Task<HttpClient> ApiAsAsync(IPage page)
    {
        var token = await page.EvaluateAsync<string>("() => localStorage.getItem('chatfake.token')");
        var client = new HttpClient { BaseAddress = Server.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    static async Task<JsonArray> MessagesAsync(HttpClient api, string conversationId)
    {
        var response = await api.GetAsync($"/api/conversations/{conversationId}/messages?limit=100");
        return (JsonArray)(await response.ReadJsonAsync())["data"]!;
    }

    [ChromiumFact]
    public async Task A_reply_streams_into_the_page_chunk_by_chunk_on_the_model_picked_and_renders_as_markdown()
    {
        var page = await OpenAsync();
        await LogInAsync(page);
        var id = await NewConversationAsync(page);
        await Expect(Conversations(page).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(Conversations(page).GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("aria-current", "page");

        await Labelled(page, "Model").SelectOptionAsync("gpt-4-turbo");
        using var api = await ApiAsAsync(page);
        await Poll.UntilAsync(async () =>
        {
            var model = (string?)(await (await api.GetAsync($"/api/conversations/{id}/model")).ReadJsonAsync())["data"]!["modelId"];
            return model == "gpt-4-turbo" ? model : null;
        }, "the model switch to reach the server");

        // Every text the reply bubble shows, recorded inside the page as it changes.
        await page.EvaluateAsync("""
            () => {
              window.replyTexts = [];
              new MutationObserver(() => {
                const body = document.querySelector('#messages .msg.bot:last-child .body');
                const text = body?.textContent ?? '';
                if (text && window.replyTexts.at(-1) !== text) window.replyTexts.push(text);
              }).observe(document.getElementById('messages'), { subtree: true, childList: true, characterData: true });
            }
            """);
        await SendAsync(page, "Show me a list and some code, please");
        await Expect(Bubbles(page, "user")).ToHaveTextAsync(new Regex("Show me a list and some code, please"));
        var reply = Bubbles(page, "bot").Last;
        await Expect(reply).Not.ToHaveClassAsync(new Regex("streaming"));
        await Expect(Button(page, "Stop")).ToBeDisabledAsync();

        var stored = await MessagesAsync(api, id);
        Assert.Equal(2, stored.Count);
        var content = (string)stored[1]!["content"]!;
        Assert.StartsWith("[gpt-4-turbo] ", content);
        var texts = await page.EvaluateAsync<string[]>("() => window.replyTexts");
        Assert.True(texts.Length >= 5, $"the reply appeared in {texts.Length} steps, not chunk by chunk");
        Assert.StartsWith("[gpt-4-turbo]", texts[0]);
        Assert.True(texts[0].Length < texts[^1].Length / 2, $"the first text shown was already \"{texts[0]}\"");
        Assert.Equal(PlainTextOf(content), Normalized(texts[^1]));
        await Expect(reply.Locator("strong")).ToHaveTextAsync("GPT-4 Turbo");

        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "chat-after-streamed-reply.png"), FullPage = true });
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task Markup_in_a_message_shows_as_the_text_typed_and_markdown_replies_become_html()
    {
        var page = await OpenAsync();
        await LogInAsync(page);
        var id = await NewConversationAsync(page);
        const string attack = "<img src=x onerror=\"window.injected = 1\"> **not bold** in my own words";

        await SendAsync(page, attack);
        await Expect(Bubbles(page, "bot").Last).Not.ToHaveClassAsync(new Regex("streaming"));

        await Expect(Bubbles(page, "user").Locator(".text")).ToHaveTextAsync(attack);
        await Expect(Log(page).Locator("img")).ToHaveCountAsync(0);
        await Expect(Bubbles(page, "user").Locator(".text *")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected ?? null"));

        // The replies' renderer itself, on markup the fake model never writes.
        var rendered = await page.EvaluateAsync<string>("""
            async () => {
              const { renderMarkdown } = await import('/js/markdown.js');
              const target = document.createElement('div');
              renderMarkdown(target, '**bold** <img src=x onerror="window.injected = 2"> [link](javascript:window.injected=3)\n\n<div onclick="x()">block</div>');
              return target.innerHTML;
            }
            """);
        Assert.Equal("<p><strong>bold</strong> &lt;img src=x onerror=\"window.injected = 2\"&gt; <a>link</a></p>\n"
            + "&lt;div onclick=\"x()\"&gt;block&lt;/div&gt;", rendered);

        // Replies vary in shape per content (docs/API.md); ask until one carries a list or code block.
        using var api = await ApiAsAsync(page);
        foreach (var question in new[] { "hello", "how do I write a test", "give me steps", "show code", "列出要点" })
        {
            if ((await MessagesAsync(api, id)).Any(m => Regex.IsMatch((string)m!["content"]!, "^(- |\\d+\\. |```)", RegexOptions.Multiline)))
                break;
            await SendAsync(page, question);
            await Expect(Bubbles(page, "bot").Last).Not.ToHaveClassAsync(new Regex("streaming"));
        }
        await Expect(Bubbles(page, "bot").Locator("ul li, ol li, pre code").First).ToBeVisibleAsync();
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "markdown.png"), FullPage = true });
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task Stop_aborts_the_stream_and_after_a_reload_the_partial_reply_is_marked_interrupted()
    {
        var page = await OpenAsync();
        await LogInAsync(page);
        var id = await NewConversationAsync(page);
        await Labelled(page, "Scenario").SelectOptionAsync("slow");

        await SendAsync(page, "Tell me a long story about streams");
        var reply = Bubbles(page, "bot").Last.Locator(".body");
        await Expect(reply).ToHaveTextAsync(new Regex(@"^\[gpt-3\.5-turbo\] .{3,}"));
        await Button(page, "Stop").ClickAsync();
        await Expect(Bubbles(page, "bot").Last.Locator(".status")).ToHaveTextAsync("interrupted");
        await Expect(Button(page, "Send")).ToBeEnabledAsync();

        await page.ReloadAsync();
        await Expect(Bubbles(page, "bot")).ToHaveCountAsync(1);
        await Expect(Bubbles(page, "bot").Locator(".status")).ToHaveTextAsync("interrupted");
        await Expect(Bubbles(page, "bot").GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true })).ToBeVisibleAsync();

        using var api = await ApiAsAsync(page);
        var stored = await MessagesAsync(api, id);
        Assert.Equal(2, stored.Count);
        Assert.Equal(1, (int)stored[1]!["ai_error"]!);
        Assert.Equal("interrupted", (string?)stored[1]!["error_message"]);
        Assert.Equal(PlainTextOf((string)stored[1]!["content"]!), Normalized(await Bubbles(page, "bot").Locator(".body").TextContentAsync() ?? ""));
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_error_scenario_shows_an_alert_marks_the_message_failed_in_words_and_retry_gets_a_reply()
    {
        var page = await OpenAsync();
        await LogInAsync(page);
        var id = await NewConversationAsync(page);
        var scenarios = await Labelled(page, "Scenario").Locator("option").AllTextContentsAsync();
        Assert.Equal(["none", "error", "flaky", "timeout", "slow", "rate_limit", "rate_limit_once"], scenarios);

        await Labelled(page, "Scenario").SelectOptionAsync("error");
        await SendAsync(page, "this will fail");
        await Expect(Alert(page)).ToContainTextAsync("AI service temporarily unavailable");
        await Expect(Bubbles(page, "user").Locator(".status")).ToHaveTextAsync(new Regex("^failed: AI service temporarily unavailable"));
        await Expect(Bubbles(page, "bot")).ToHaveCountAsync(0);

        // The same without streaming: the 202 of POST …/messages.
        await page.GetByLabel("Stream reply").UncheckAsync();
        await SendAsync(page, "this fails too");
        await Expect(Bubbles(page, "user")).ToHaveCountAsync(2);
        await Expect(Bubbles(page, "user").Nth(1).Locator(".status")).ToHaveTextAsync(new Regex("^failed: "));
        await Expect(Alert(page)).ToContainTextAsync("The reply failed");

        await page.GetByLabel("Stream reply").CheckAsync();
        await Labelled(page, "Scenario").SelectOptionAsync("none");
        await Bubbles(page, "user").First.GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync();
        await Expect(Bubbles(page, "bot")).ToHaveCountAsync(1);
        await Expect(Bubbles(page, "bot")).Not.ToHaveClassAsync(new Regex("streaming"));
        await Expect(Alert(page)).ToBeHiddenAsync();

        using var api = await ApiAsAsync(page);
        var stored = await MessagesAsync(api, id);
        Assert.Equal(["this will fail", "this fails too", "this will fail"], stored.Where(m => (string)m!["sender_type"]! == "user").Select(m => (string)m!["content"]!));
        Assert.Equal([1, 1, 0], stored.Where(m => (string)m!["sender_type"]! == "user").Select(m => (int)m!["ai_error"]!));
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task Rename_tag_filter_by_tag_and_delete_with_a_confirmation()
    {
        var page = await OpenAsync();
        await LogInAsync(page);
        var first = await NewConversationAsync(page);
        var second = await NewConversationAsync(page);
        await Expect(Conversations(page).GetByRole(AriaRole.Link)).ToHaveCountAsync(2);

        await Labelled(page, "Title").FillAsync("  读书笔记  ");
        await Button(page, "Rename").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "读书笔记", Exact = true })).ToBeVisibleAsync();
        await Labelled(page, "Tags").FillAsync("work, 学习, work");
        await Button(page, "Save tags").ClickAsync();
        var current = Conversations(page).Locator("a[aria-current=page]");
        await Expect(current).ToContainTextAsync("读书笔记");
        await Expect(current).ToContainTextAsync("#work · #学习");

        var filter = Labelled(page, "Filter by tag");
        await Expect(filter.Locator("option")).ToHaveTextAsync(["All tags", "work (1)", "学习 (1)"]);
        await filter.SelectOptionAsync("work");
        await Expect(Conversations(page).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(Conversations(page).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"#conversation/{second}");
        await filter.SelectOptionAsync("");
        await Expect(Conversations(page).GetByRole(AriaRole.Link)).ToHaveCountAsync(2);

        using var api = await ApiAsAsync(page);
        var stored = (await (await api.GetAsync($"/api/conversations/{second}")).ReadJsonAsync())["data"]!;
        Assert.Equal("读书笔记", (string)stored["title"]!);
        Assert.Equal(["work", "学习"], stored["tags"]!.AsArray().Select(t => (string)t!));

        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            if (asked.Contains("读书笔记")) await dialog.AcceptAsync();
            else await dialog.DismissAsync();
        };
        await Button(page, "Delete").ClickAsync();
        await Expect(Conversations(page).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        Assert.Equal("Delete “读书笔记” and all its messages?", asked);
        await Expect(Conversations(page).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"#conversation/{first}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.GetAsync($"/api/conversations/{second}")).StatusCode);

        // A dismissed confirmation deletes nothing.
        await Conversations(page).GetByRole(AriaRole.Link).ClickAsync();
        await Button(page, "Delete").ClickAsync();
        await Expect(Conversations(page).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync($"/api/conversations/{first}")).StatusCode);
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_group_of_three_bots_answers_in_bot_order_one_bubble_per_bot_with_name_and_turn()
    {
        var page = await OpenAsync();
        await LogInAsync(page);
        using var api = await ApiAsAsync(page);
        var bots = ((JsonArray)(await (await api.GetAsync("/api/bots")).ReadJsonAsync())["data"]!)
            .Select(b => (string)b!["name"]!).ToArray();
        Assert.Equal(3, bots.Length);

        await Button(page, "New group").ClickAsync();
        await Labelled(page, "Group name").FillAsync("Team chat");
        foreach (var bot in bots)
            await page.GetByRole(AriaRole.Checkbox, new() { Name = bot, Exact = true }).CheckAsync();
        await Button(page, "Create group").ClickAsync();
        await Expect(Labelled(page, "Message")).ToBeFocusedAsync();
        var groups = page.GetByRole(AriaRole.Navigation, new() { Name = "Groups", Exact = true });
        await Expect(groups.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(groups.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Labelled(page, "Model")).ToBeHiddenAsync();

        await SendAsync(page, "大家好，介绍一下自己");
        await Expect(Bubbles(page, "bot")).ToHaveCountAsync(3);
        await Expect(Bubbles(page, "bot").Last).Not.ToHaveClassAsync(new Regex("streaming"));
        await Expect(Button(page, "Send")).ToBeEnabledAsync();
        await Expect(Bubbles(page, "bot").Locator("strong")).ToHaveTextAsync(bots);
        await Expect(Bubbles(page, "bot").Locator(".turn")).ToHaveTextAsync(["turn 1 of 3", "turn 2 of 3", "turn 3 of 3"]);

        var groupId = Regex.Match(page.Url, "#group/(.+)$").Groups[1].Value;
        var stored = (JsonArray)(await (await api.GetAsync($"/api/group-conversations/{groupId}/messages")).ReadJsonAsync())["data"]!;
        Assert.Equal(bots, stored.Skip(1).Select(m => (string)m!["sender_name"]!));
        var shown = await Bubbles(page, "bot").Locator(".body").AllTextContentsAsync();
        Assert.Equal(stored.Skip(1).Select(m => PlainTextOf((string)m!["content"]!)), shown.Select(Normalized));

        await page.ReloadAsync();
        await Expect(Bubbles(page, "bot").Locator(".turn")).ToHaveTextAsync(["turn 1 of 3", "turn 2 of 3", "turn 3 of 3"]);
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "group.png"), FullPage = true });
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task Conversations_and_messages_beyond_the_first_page_load_on_demand()
    {
        var page = await OpenAsync();
        await LogInAsync(page);
        using var api = await ApiAsAsync(page);
        string? last = null;
        for (var i = 1; i <= 22; i++)
        {
            var created = await api.PostAsJsonAsync("/api/conversations", new { title = $"Conversation {i}" });
            last = (string)(await created.ReadJsonAsync())["data"]!["id"]!;
        }
        for (var i = 1; i <= 26; i++) // 52 messages: one more page than the 50 shown first
            await api.PostAsJsonAsync($"/api/conversations/{last}/messages", new { content = $"question {i}" });

        await page.ReloadAsync();
        var links = Conversations(page).GetByRole(AriaRole.Link);
        await Expect(links).ToHaveCountAsync(20);
        await Expect(links.First).ToContainTextAsync("Conversation 22");
        await Button(page, "More conversations").ClickAsync();
        await Expect(links).ToHaveCountAsync(22);
        await Expect(links.Last).ToContainTextAsync("Conversation 1");
        await Expect(Button(page, "More conversations")).ToBeHiddenAsync();

        await links.First.ClickAsync();
        await Expect(Labelled(page, "Message")).ToBeFocusedAsync();
        await Expect(Bubbles(page, "user")).ToHaveCountAsync(1); // the last page: the 26th exchange
        await Expect(Bubbles(page, "user").Locator(".text")).ToHaveTextAsync("question 26");
        await Button(page, "Earlier messages").ClickAsync();
        await Expect(Log(page).Locator(".msg")).ToHaveCountAsync(52);
        await Expect(Bubbles(page, "user").First.Locator(".text")).ToHaveTextAsync("question 1");
        await Expect(Button(page, "Earlier messages")).ToBeHiddenAsync();
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task Register_log_out_log_in_and_an_expired_token_sends_the_user_back_to_the_login_form()
    {
        var page = await OpenAsync();
        await Labelled(page, "Username").FillAsync("playground_user");
        await Labelled(page, "Email").FillAsync("playground@example.com");
        await Labelled(page, "Password").FillAsync("secret123");
        await Button(page, "Register").ClickAsync();
        await Expect(page.GetByText("Signed in as playground_user")).ToBeVisibleAsync();

        await Button(page, "Log out").ClickAsync();
        await Expect(Button(page, "Log in")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('chatfake.token')"));
        await Labelled(page, "Email").FillAsync(Email);
        await Labelled(page, "Password").FillAsync("wrong-password");
        await Button(page, "Log in").ClickAsync();
        await Expect(Alert(page)).ToHaveTextAsync("Invalid email or password");

        await LogInAsync(page);
        await Expect(page.GetByText("Signed in as testuser")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(Button(page, "New conversation")).ToBeVisibleAsync(); // the token is kept

        // A token that expired a day ago, signed like the server's: the next request is a 401.
        using var api = await ApiAsAsync(page);
        var me = (await (await api.GetAsync("/api/auth/me")).ReadJsonAsync())["data"]!;
        var expired = new TokenService(Options.Create(new JwtOptions { Secret = AppProcess.JwtSecret, ExpiresIn = "1h" }),
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1))).Issue((string)me["id"]!, (string)me["username"]!);
        await page.EvaluateAsync("token => localStorage.setItem('chatfake.token', token)", expired);
        await Button(page, "New conversation").ClickAsync();
        await Expect(Button(page, "Log in")).ToBeVisibleAsync();
        await Expect(Alert(page)).ToHaveTextAsync("Your session has expired: log in again.");
        await Expect(Button(page, "New conversation")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('chatfake.token')"));
        await page.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_login_page_and_the_chat_page_have_no_serious_or_critical_accessibility_violation()
    {
        foreach (var (width, scheme) in new[] { (1280, ColorScheme.Light), (375, ColorScheme.Dark) })
        {
            var page = await OpenAsync(width, 800, scheme);
            await Expect(Button(page, "Log in")).ToBeVisibleAsync();
            await AssertAccessibleAsync(page, $"login page, {width} px, {scheme}");
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"login-{width}-{scheme}.png".ToLowerInvariant()) });

            await LogInAsync(page);
            await NewConversationAsync(page);
            await SendAsync(page, "Hello **there**, a list please");
            await Expect(Bubbles(page, "bot").Last).Not.ToHaveClassAsync(new Regex("streaming"));
            await Labelled(page, "Scenario").SelectOptionAsync("error");
            await SendAsync(page, "and now fail");
            await Expect(Alert(page)).ToBeVisibleAsync();
            await AssertAccessibleAsync(page, $"chat page, {width} px, {scheme}");

            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"chat-{width}-{scheme}.png".ToLowerInvariant()), FullPage = true });
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"),
                $"{width} px: the page is wider than the window");
            await page.CloseAsync();
        }
    }

    static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{what}:\n" + string.Join('\n', serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    /// <summary>The letters and digits a markdown text shows once rendered: no list numbers
    /// (an ordered list draws them), no code fence languages; punctuation and spacing aside.</summary>
    static string PlainTextOf(string markdown) => Normalized(HiddenMarkdown().Replace(markdown, ""));

    static string Normalized(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    [GeneratedRegex(@"^\s*\d+\.\s|```\w*", RegexOptions.Multiline)]
    private static partial Regex HiddenMarkdown();

    [GeneratedRegex("#conversation/(.+)$")]
    private static partial Regex ConversationUrl();
}
