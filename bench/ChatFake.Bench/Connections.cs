using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatFake.Client;

namespace ChatFake.Bench;

/// <summary>A registered user: the generated client, on an HttpClient that sends the user's token.</summary>
public sealed record BenchUser(string Username, ChatFakeClient Api, HttpClient Http);

/// <summary>An answer that was not the status docs/API.md promises for the request.</summary>
public sealed class UnexpectedResponse(string message) : Exception(message);

/// <summary>
/// One connection pool for every user of a run. The generated client (clients/csharp) makes the
/// requests; only the SSE stream, which it cannot read as it arrives, is opened here.
/// </summary>
public sealed class Connections(Uri baseUrl) : IDisposable
{
    /// <summary>A request whose headers have not come by then is an error, so that a hung server ends the run;
    /// a stream's body is bounded by its caller's token.</summary>
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    readonly SocketsHttpHandler handler = new()
    {
        // One connection per open stream: the default pool has no cap, said here on purpose.
        MaxConnectionsPerServer = int.MaxValue,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    };

    public ChatFakeClient Anonymous() => new(Http(null));

    public BenchUser User(string username, string token)
    {
        var http = Http(token);
        return new BenchUser(username, new ChatFakeClient(http), http);
    }

    /// <summary>POST …/messages/stream (threadPath: "conversations/{id}" or "group-conversations/{id}");
    /// the caller reads the events. Not 200 text/event-stream is an error.</summary>
    public static async Task<HttpResponseMessage> OpenStreamAsync(BenchUser user, string threadPath, string content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/{threadPath}/messages/stream") { Content = JsonContent.Create(new { content }) };
        var response = await user.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new UnexpectedResponse($"stream answered {(int)response.StatusCode} {(text.Length <= 200 ? text : text[..200] + "…")}");
        }
    }

    HttpClient Http(string? token)
    {
        var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl, "/"), Timeout = RequestTimeout };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => handler.Dispose();
}
