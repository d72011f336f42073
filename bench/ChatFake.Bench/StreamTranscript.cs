using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ChatFake.Bench;

/// <summary>What one stream delivered, checked against docs/API.md's event order.</summary>
public sealed record StreamOutcome(string? Error, double TimeToHeadersMs, double TimeToFirstChunkMs, double DurationMs, int Chunks, string[] Replies, double[] ChunkGapsMs)
{
    public bool Ok => Error is null;
}

/// <summary>
/// Reads one SSE response to its end and checks it as a frontend would: <c>userMessage</c>,
/// then per reply <c>aiMessageStart</c>, its chunks and an <c>aiMessageEnd</c> whose content
/// is the chunks joined, then <c>done</c> and nothing after it.
/// </summary>
public sealed class StreamTranscript(int expectedReplies, long startedAt, double timeToHeadersMs)
{
    readonly List<string> replies = [];
    readonly StringBuilder current = new();
    string? currentId;
    bool sawUserMessage;
    bool sawDone;
    int chunks;
    long firstChunkAt;
    long lastChunkAt;
    // The time between two chunks of the same reply, as the client saw them arrive.
    readonly List<double> gaps = [];

    public static async Task<StreamOutcome> ReadAsync(Stream body, int expectedReplies, long startedAt, double timeToHeadersMs, CancellationToken ct)
    {
        var transcript = new StreamTranscript(expectedReplies, startedAt, timeToHeadersMs);
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? name = null, data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data = line[5..].TrimStart();
            else if (line.Length == 0 && name is not null)
            {
                if (transcript.Take(name, data) is { } error) return transcript.Outcome(error);
                name = data = null;
            }
        }
        return transcript.Outcome(transcript.sawDone ? null : $"ended without done ({transcript.chunks} chunks, {transcript.replies.Count} replies)");
    }

    StreamOutcome Outcome(string? error)
    {
        var now = Stopwatch.GetTimestamp();
        var ttfc = firstChunkAt == 0 ? double.NaN : Stopwatch.GetElapsedTime(startedAt, firstChunkAt).TotalMilliseconds;
        return new(error, timeToHeadersMs, ttfc, Stopwatch.GetElapsedTime(startedAt, now).TotalMilliseconds, chunks, replies.ToArray(), gaps.ToArray());
    }

    /// <returns>null while the stream is as docs/API.md says, else what is wrong.</returns>
    string? Take(string name, string? data)
    {
        if (sawDone) return $"event {name} after done";
        if (name == "error") return $"error event: {data}";
        if (name == "done")
        {
            sawDone = true;
            return currentId is null && replies.Count == expectedReplies
                ? null
                : $"done after {replies.Count} of {expectedReplies} replies";
        }
        if (name != "message" || data is null) return $"unexpected event {name}";

        using var json = JsonDocument.Parse(data);
        var type = json.RootElement.GetProperty("type").GetString();
        var payload = json.RootElement.GetProperty("data");
        switch (type)
        {
            case "userMessage" when !sawUserMessage && replies.Count == 0:
                sawUserMessage = true;
                return null;
            case "aiMessageStart" when sawUserMessage && currentId is null:
                currentId = payload.GetProperty("id").GetString();
                current.Clear();
                lastChunkAt = 0;
                return null;
            case "aiMessageChunk" when currentId is not null && payload.GetProperty("messageId").GetString() == currentId:
                var at = Stopwatch.GetTimestamp();
                if (chunks++ == 0) firstChunkAt = at;
                if (lastChunkAt != 0) gaps.Add(Stopwatch.GetElapsedTime(lastChunkAt, at).TotalMilliseconds);
                lastChunkAt = at;
                current.Append(payload.GetProperty("content").GetString());
                return null;
            case "aiMessageEnd" when currentId is not null && payload.GetProperty("messageId").GetString() == currentId:
                var content = payload.GetProperty("content").GetString();
                if (content != current.ToString()) return "aiMessageEnd content differs from the chunks joined";
                replies.Add(content);
                currentId = null;
                return null;
            default:
                return $"{type} out of order (after {replies.Count} replies, {chunks} chunks)";
        }
    }
}
