using System.Globalization;

namespace ChatFake.FakeModel;

/// <summary>A complete reply: <see cref="Prefix"/> (<c>"[gpt-4] "</c> in personal conversations,
/// empty for bots) and the <see cref="Body"/> that follows it.</summary>
public sealed record Reply(string Prefix, string Body)
{
    public string Text => Prefix + Body;

    /// <summary>
    /// The reply cut for streaming: the first chunk is the prefix with the first user-perceived
    /// character, every later chunk exactly one user-perceived character (a text element:
    /// surrogate pairs, emoji ZWJ sequences, flags and combining marks stay whole).
    /// Concatenated, the chunks are <see cref="Text"/>.
    /// </summary>
    public IReadOnlyList<string> Chunks()
    {
        var chunks = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(Body);
        while (elements.MoveNext())
            chunks.Add(elements.GetTextElement());
        if (chunks.Count == 0) return Prefix.Length == 0 ? [] : [Prefix];
        chunks[0] = Prefix + chunks[0];
        return chunks;
    }
}
