using ChatFake.FakeModel;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatFake.Tests;

/// <summary>One server-sent event as a browser's EventSource would hand it over.</summary>
public sealed record SseFrame(string Event, JsonNode Data)
{
    public string? Type => (string?)Data["type"];
}

/// <summary>
/// A strict SSE frame parser: every block must be exactly an <c>event: </c> line, a
/// <c>data: </c> line with one JSON value, and a blank line (docs/API.md, "Streams (SSE)").
/// </summary>
public static class Sse
{
    public static IReadOnlyList<SseFrame> Parse(string body)
    {
        Assert.True(body.EndsWith("\n\n", StringComparison.Ordinal), $"the stream must end with a blank line: {body}");
        Assert.DoesNotContain('\r', body);
        var blocks = body[..^2].Split("\n\n");
        return blocks.Select(ParseBlock).ToList();
    }

    /// <summary>Reads frames as they arrive, one at a time, from a live response body.</summary>
    public static async IAsyncEnumerable<SseFrame> ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var block = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                block.Append(line).Append('\n');
                continue;
            }
            yield return ParseBlock(block.ToString().TrimEnd('\n'));
            block.Clear();
        }
        Assert.True(block.Length == 0, $"the stream ended inside a frame: {block}");
    }

    static SseFrame ParseBlock(string block)
    {
        var lines = block.Split('\n');
        Assert.True(lines.Length == 2, $"a frame is one event line and one data line: {block}");
        Assert.StartsWith("event: ", lines[0]);
        Assert.StartsWith("data: ", lines[1]);
        return new SseFrame(lines[0]["event: ".Length..], JsonNode.Parse(lines[1]["data: ".Length..])!);
    }

    /// <summary>POSTs to a stream route and returns as soon as the headers are in.</summary>
    public static Task<HttpResponseMessage> PostStreamAsync(this HttpClient client, string url, object body,
        string? scenario = null, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (scenario is not null) request.Headers.Add(Scenarios.Header, scenario);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }
}
