using System.Globalization;
using ChatFake.FakeModel;

namespace ChatFake.Features.OpenAi;

/// <summary>
/// The token accounting of the <c>/v1</c> routes, an approximation with no tokenizer behind it:
/// a prompt token is one user-perceived character of the text a request sends, and a completion
/// token is one streamed chunk of the reply (the first carries the <c>[model] </c> prefix with the
/// first character, every later one a single character), so a client counting content deltas
/// gets the reported number.
/// </summary>
public static class Tokens
{
    public static int Count(string text) => new StringInfo(text).LengthInTextElements;

    public static int Count(Reply reply) => reply.Chunks().Count;

    /// <summary>The reply cut to at most <paramref name="max"/> completion tokens (null: no limit),
    /// and whether anything was cut.</summary>
    public static (Reply Reply, bool Cut) Limit(Reply reply, int? max)
    {
        var chunks = reply.Chunks();
        if (max is not { } limit || chunks.Count <= limit) return (reply, false);
        return (reply with { Body = string.Concat(chunks.Take(limit))[reply.Prefix.Length..] }, true);
    }
}
