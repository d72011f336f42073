using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatFake.Bench;

/// <summary>A registered user: the bearer token goes on every request.</summary>
public sealed record BenchUser(string Username, string Token);

/// <summary>An answer that was not the status docs/API.md promises for the request.</summary>
public sealed class UnexpectedResponse(string message) : Exception(message);

/// <summary>
/// The routes of docs/API.md that the scenarios use, over one shared connection pool. Only the
/// fields a scenario needs are read from the answers.
/// </summary>
public sealed class ChatApi : IDisposable
{
    /// <summary>A plain request not answered by then is an error, so that a hung server ends the run.</summary>
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    readonly HttpClient http;

    public ChatApi(Uri baseUrl)
    {
        var handler = new SocketsHttpHandler
        {
            // One connection per open stream: the default pool has no cap, said here on purpose.
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        // Timeouts are per request (the caller's token): a stream lasts as long as its reply.
        http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl, "/api/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<BenchUser> RegisterAsync(string username, CancellationToken ct)
    {
        var body = new { username, email = $"{username}@bench.test", password = "bench-password" };
        var data = await SendAsync(HttpMethod.Post, "auth/register", null, body, HttpStatusCode.Created, ct);
        return new BenchUser(username, data!["token"]!.GetValue<string>());
    }

    public async Task<string> CreateConversationAsync(BenchUser user, string title, CancellationToken ct)
    {
        var data = await SendAsync(HttpMethod.Post, "conversations", user, new { title }, HttpStatusCode.Created, ct);
        return data!["id"]!.GetValue<string>();
    }

    public async Task<string> CreateGroupAsync(BenchUser user, string name, string[] botIds, CancellationToken ct)
    {
        var data = await SendAsync(HttpMethod.Post, "group-conversations", user, new { name, botIds }, HttpStatusCode.Created, ct);
        return data!["id"]!.GetValue<string>();
    }

    /// <summary>POST …/messages: 201 with the AI's reply.</summary>
    public async Task SendMessageAsync(BenchUser user, string conversationId, string content, CancellationToken ct)
    {
        var data = await SendAsync(HttpMethod.Post, $"conversations/{conversationId}/messages", user, new { content }, HttpStatusCode.Created, ct);
        if (data?["aiMessage"]?["content"] is null)
            throw new UnexpectedResponse("201 without an aiMessage");
    }

    /// <summary>The contents of the first page of a thread's messages (up to 100), oldest first.</summary>
    public async Task<string[]> ListMessagesAsync(BenchUser user, string threadPath, CancellationToken ct)
    {
        var data = await SendAsync(HttpMethod.Get, $"{threadPath}/messages?limit=100", user, null, HttpStatusCode.OK, ct);
        return data!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ToArray();
    }

    /// <summary>POST …/messages/stream; the caller reads the events. Not 200 is an error.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(BenchUser user, string threadPath, string content, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"{threadPath}/messages/stream", user, new { content });
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            return response;
        using (response)
            throw new UnexpectedResponse($"stream answered {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync(ct))}");
    }

    async Task<JsonNode?> SendAsync(HttpMethod method, string path, BenchUser? user, object? body, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = Request(method, path, user, body);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(RequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, deadline.Token);
            text = await response.Content.ReadAsStringAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new UnexpectedResponse($"{method} {path.Split('?')[0]}: no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        using var _ = response;
        if (response.StatusCode != expected)
            throw new UnexpectedResponse($"{method} {path.Split('?')[0]} answered {(int)response.StatusCode} {Shorten(text)}");
        return JsonNode.Parse(text)?["data"];
    }

    static HttpRequestMessage Request(HttpMethod method, string path, BenchUser? user, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (user is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return request;
    }

    static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    public void Dispose() => http.Dispose();
}
