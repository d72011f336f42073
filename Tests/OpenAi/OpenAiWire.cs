using System.Net;
using System.Text.Json.Nodes;

namespace ChatFake.Tests.OpenAi;

/// <summary>Reading OpenAI's wire: its error body, and the bare <c>data:</c> lines of a chat stream.</summary>
public static class OpenAiWire
{
    /// <summary>Asserts the status and <c>{"error": {"message", "type", "param", "code"}}</c>, and returns the error.</summary>
    public static async Task<JsonNode> AssertOpenAiErrorAsync(this HttpResponseMessage response, HttpStatusCode status,
        string type, string? code = null, string? param = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal(["message", "type", "param", "code"], error.AsObject().Select(p => p.Key));
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        Assert.Equal((type, code, param), ((string?)error["type"], (string?)error["code"], (string?)error["param"]));
        return error;
    }

    /// <summary>
    /// The <c>data:</c> payloads of a chat completion stream, strictly: every frame is one
    /// <c>data: </c> line and a blank line, the last one is <c>[DONE]</c> (not returned).
    /// </summary>
    public static IReadOnlyList<JsonNode> ChatFrames(string body)
    {
        Assert.True(body.EndsWith("\n\n", StringComparison.Ordinal), $"the stream must end with a blank line: {body}");
        Assert.DoesNotContain('\r', body);
        var lines = body[..^2].Split("\n\n");
        Assert.All(lines, line => Assert.True(line.StartsWith("data: ", StringComparison.Ordinal) && !line.Contains('\n'), $"not a data line: {line}"));
        Assert.Equal("data: [DONE]", lines[^1]);
        return lines[..^1].Select(line => JsonNode.Parse(line["data: ".Length..])!).ToList();
    }
}
