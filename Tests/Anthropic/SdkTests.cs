using System.Net;
using System.Net.Http.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ChatFake.FakeModel;
using ChatFake.Tests.EndToEnd;

namespace ChatFake.Tests.Anthropic;

/// <summary>
/// The official Anthropic .NET SDK (the <c>Anthropic</c> package) pointed at ChatFake on a real
/// Kestrel port, used as its README shows: nothing but the base URL and the key change.
/// </summary>
public sealed class SdkTests : IDisposable
{
    readonly App server = App.OnKestrel();

    public void Dispose() => server.Dispose();

    const string Model = "claude-3-opus";
    const string Prompt = "Hello, Claude";
    static readonly Reply Expected = ReplyComposer.ForModel(Model, Prompt);

    static MessageCreateParams Ask(long maxTokens = 1024, IReadOnlyList<string>? stopSequences = null, string model = Model) => new()
    {
        Model = model,
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam { Content = Prompt }],
        StopSequences = stopSequences,
    };

    Task<string> NewTokenAsync() => RegisterAsync(server.BaseAddress!);

    static async Task<string> RegisterAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var username = "sdk" + Guid.NewGuid().ToString("N")[..12];
        var response = await http.PostAsJsonAsync("/api/auth/register", new { username, email = $"{username}@example.com", password = "secret123" });
        return (string)(await response.AssertDataAsync(HttpStatusCode.Created))["token"]!;
    }

    /// <summary>A client with the ChatFake token as its API key (SDK 13.14 sends it as
    /// <c>Authorization: Bearer</c>; the raw tests cover <c>x-api-key</c>), no retries unless
    /// asked, and the X-Fake-Scenario header on every request when given.</summary>
    AnthropicClient Client(string token, string? scenario = null, int maxRetries = 0)
    {
        var http = new HttpClient();
        if (scenario is not null) http.DefaultRequestHeaders.Add(Scenarios.Header, scenario);
        return new AnthropicClient(new ClientOptions
        {
            BaseUrl = server.BaseAddress!.ToString().TrimEnd('/'),
            ApiKey = token,
            MaxRetries = maxRetries,
            HttpClient = http,
        });
    }

    static string TextOf(Message message) => string.Concat(message.Content.Select(b => b.TryPickText(out var text) ? text.Text : ""));

    [Fact]
    public async Task Creates_a_message()
    {
        using var client = Client(await NewTokenAsync());

        var message = await client.Messages.Create(Ask());

        Assert.StartsWith("msg_", message.ID);
        Assert.Equal(Model, message.Model.Raw());
        Assert.Equal(Expected.Text, TextOf(message));
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Null(message.StopSequence);
        Assert.Equal(Prompt.Length, message.Usage.InputTokens);
        Assert.Equal(Expected.Chunks().Count, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task Streams_a_message_whose_deltas_and_aggregate_equal_the_non_streamed_text()
    {
        using var client = Client(await NewTokenAsync());
        var deltas = new List<string>();
        var kinds = new List<string>();

        await foreach (var e in client.Messages.CreateStreaming(Ask()))
        {
            kinds.Add(e.Match(_ => "start", _ => "delta", _ => "stop", _ => "block_start", _ => "block_delta", _ => "block_stop"));
            if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var text)) deltas.Add(text.Text);
        }
        var aggregated = await client.Messages.CreateStreaming(Ask()).Aggregate();
        var whole = await client.Messages.Create(Ask());

        Assert.Equal(["start", "block_start", .. deltas.Select(_ => "block_delta"), "block_stop", "delta", "stop"], kinds);
        Assert.Equal(Expected.Chunks(), deltas);
        Assert.Equal(TextOf(whole), string.Concat(deltas));
        Assert.Equal(TextOf(whole), TextOf(aggregated));
        Assert.Equal(StopReason.EndTurn, aggregated.StopReason!.Value());
        Assert.Equal(whole.Usage.OutputTokens, aggregated.Usage.OutputTokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Max_tokens_truncates_with_the_max_tokens_stop_reason(bool stream)
    {
        using var client = Client(await NewTokenAsync());

        var message = stream ? await client.Messages.CreateStreaming(Ask(maxTokens: 4)).Aggregate() : await client.Messages.Create(Ask(maxTokens: 4));

        Assert.Equal(string.Concat(Expected.Chunks().Take(4)), TextOf(message));
        Assert.Equal(StopReason.MaxTokens, message.StopReason!.Value());
        Assert.Equal(4, message.Usage.OutputTokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stop_sequence_stops_there_and_is_reported(bool stream)
    {
        using var client = Client(await NewTokenAsync());
        var stop = Expected.Body.Substring(10, 3);

        var message = stream
            ? await client.Messages.CreateStreaming(Ask(stopSequences: [stop])).Aggregate()
            : await client.Messages.Create(Ask(stopSequences: [stop]));

        Assert.Equal(Expected.Text[..Expected.Text.IndexOf(stop, StringComparison.Ordinal)], TextOf(message));
        Assert.Equal(StopReason.StopSequence, message.StopReason!.Value());
        Assert.Equal(stop, message.StopSequence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_rate_limit_scenario_is_the_sdks_rate_limit_exception(bool stream)
    {
        using var client = Client(await NewTokenAsync(), scenario: "rate_limit");

        var error = await Assert.ThrowsAsync<AnthropicRateLimitException>(async () =>
        {
            if (stream) await client.Messages.CreateStreaming(Ask()).Aggregate();
            else await client.Messages.Create(Ask());
        });

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("rate_limit_error", error.Type?.Raw());
    }

    [Fact]
    public async Task The_sdk_retries_rate_limit_once_after_retry_after_and_gets_the_reply()
    {
        using var client = Client(await NewTokenAsync(), scenario: "rate_limit_once", maxRetries: 1);

        var message = await client.Messages.Create(Ask());

        Assert.Equal(Expected.Text, TextOf(message));
    }

    [Fact]
    public async Task The_error_scenario_is_the_sdks_overloaded_exception_and_in_a_stream_its_sse_exception()
    {
        using var client = Client(await NewTokenAsync(), scenario: "error");

        var whole = await Assert.ThrowsAsync<AnthropicOverloadedException>(() => client.Messages.Create(Ask()));
        var streamed = await Assert.ThrowsAsync<AnthropicSseException>(() => client.Messages.CreateStreaming(Ask()).Aggregate());

        Assert.Equal((HttpStatusCode)529, whole.StatusCode);
        Assert.Equal("overloaded_error", whole.Type?.Raw());
        Assert.Equal("overloaded_error", streamed.Type?.Raw());
    }

    [Fact]
    public async Task An_unknown_model_is_the_sdks_not_found_exception()
    {
        using var client = Client(await NewTokenAsync());

        var error = await Assert.ThrowsAsync<AnthropicNotFoundException>(() => client.Messages.Create(Ask(model: "claude-imaginary")));

        Assert.Equal("not_found_error", error.Type?.Raw());
    }

    [Fact]
    public async Task A_bad_key_is_the_sdks_unauthorized_exception()
    {
        using var client = Client("not-a-chatfake-token");

        var error = await Assert.ThrowsAsync<AnthropicUnauthorizedException>(() => client.Messages.Create(Ask()));

        Assert.Equal("authentication_error", error.Type?.Raw());
    }

    /// <summary>
    /// The client leaving mid-stream ends the server's work at once: the stream's slot
    /// (MAX_STREAMS_PER_USER = 1) is free again. The fake model paces the reply on the app's
    /// fake clock (AI_DELAY_SCALE 1), which this test moves only until the first delta is out,
    /// so the reply could not have ended on its own.
    /// </summary>
    [Fact]
    public async Task Abandoning_a_stream_through_the_sdk_stops_it_on_the_server()
    {
        var port = FreePort();
        using var app = App.With(new Dictionary<string, string?> { ["PORT"] = port.ToString(), ["AI_DELAY_SCALE"] = "1", ["MAX_STREAMS_PER_USER"] = "1" });
        app.UseKestrel();
        app.StartServer();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var token = await RegisterAsync(baseAddress);
        using var client = new AnthropicClient(new ClientOptions { BaseUrl = baseAddress.ToString().TrimEnd('/'), ApiKey = token, MaxRetries = 0 });
        using var raw = new HttpClient { BaseAddress = baseAddress };
        raw.DefaultRequestHeaders.Add("x-api-key", token);
        var body = new { model = Model, max_tokens = 10, stream = true, messages = new[] { new { role = "user", content = "hi" } } };

        var events = client.Messages.CreateStreaming(Ask()).GetAsyncEnumerator();
        string? first = null;
        while (first is null)
        {
            Assert.True(await MoveClockUntilAsync(app, events.MoveNextAsync().AsTask()), "the stream ended before its first delta");
            if (events.Current.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var text)) first = text.Text;
        }
        Assert.Equal(Expected.Chunks()[0], first);
        using (var second = await raw.PostStreamAsync("/v1/messages", body))
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);

        await events.DisposeAsync();

        using var after = await Poll.UntilAsync(async () =>
        {
            var response = await MoveClockUntilAsync(app, raw.PostStreamAsync("/v1/messages", body));
            if (response.StatusCode == HttpStatusCode.OK) return response;
            response.Dispose();
            return null;
        }, "the abandoned stream's slot to be released");
    }

    /// <summary>
    /// Moves the fake clock in small steps while <paramref name="task"/> waits for the server
    /// (each step gives the server a moment to reach its next timer), and stops as soon as it is done.
    /// </summary>
    static async Task<T> MoveClockUntilAsync<T>(App app, Task<T> task)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await Task.WhenAny(task, Task.Delay(5)) != task)
        {
            Assert.True(DateTime.UtcNow < deadline, "the server did not answer while the fake clock moved");
            app.Time.Advance(TimeSpan.FromMilliseconds(20));
        }
        return await task;
    }

    static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Lists_the_models_through_the_sdk()
    {
        using var client = Client(await NewTokenAsync());

        var page = await client.Models.List();

        Assert.Equal(["claude-3-opus", "claude-3-sonnet", "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo"], page.Items.Select(m => m.ID));
        Assert.Equal("Claude 3 Opus", page.Items[0].DisplayName);
        Assert.False(page.HasNext());
    }
}
