using System.Globalization;
using System.Text;
using ChatFake.FakeModel;

namespace ChatFake.Features.Anthropic.Messages;

/// <summary>
/// What the fake model returns for one request: its reply, cut where Anthropic's model would
/// stop, and why. A token is one streamed text delta (one user-perceived character; the first
/// also carries the <c>[model] </c> prefix), so <c>output_tokens</c> is the number of
/// <c>text_delta</c> frames and <c>max_tokens: n</c> keeps the first n of them.
/// </summary>
public sealed record Completion(Reply Reply, string StopReason, string? StopSequence)
{
    public const string EndTurn = "end_turn";
    public const string MaxTokens = "max_tokens";
    public const string StopSequenceReached = "stop_sequence";

    public int OutputTokens => Reply.Chunks().Count;

    /// <summary>
    /// Generation is replayed chunk by chunk: it stops before the chunk that would exceed
    /// <paramref name="maxTokens"/>, or as soon as the text generated so far contains a stop
    /// sequence (the one that ends first, then the first listed), which is cut off with what
    /// follows it, as Anthropic leaves the stop sequence out of the text.
    /// </summary>
    public static Completion Of(Reply reply, int maxTokens, IReadOnlyList<string> stopSequences)
    {
        var chunks = reply.Chunks();
        var text = new StringBuilder();
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i == maxTokens) return new(Cut(reply, text.Length), MaxTokens, null);
            text.Append(chunks[i]);
            var generated = text.ToString();
            var stop = stopSequences
                .Select(s => (Sequence: s, Start: generated.IndexOf(s, StringComparison.Ordinal)))
                .Where(m => m.Start >= 0)
                .OrderBy(m => m.Start + m.Sequence.Length)
                .FirstOrDefault();
            if (stop.Sequence is not null) return new(Cut(reply, stop.Start), StopSequenceReached, stop.Sequence);
        }
        return new(reply, EndTurn, null);
    }

    /// <summary>The first <paramref name="length"/> UTF-16 units of the reply's text, as a reply
    /// that streams as the same chunks up to there.</summary>
    static Reply Cut(Reply reply, int length) => length <= reply.Prefix.Length
        ? new Reply(reply.Prefix[..length], "")
        : reply with { Body = reply.Body[..(length - reply.Prefix.Length)] };

    /// <summary>input_tokens: the user-perceived characters of everything the caller sent.</summary>
    public static int InputTokens(IEnumerable<string> texts) => texts.Sum(t => new StringInfo(t).LengthInTextElements);
}
