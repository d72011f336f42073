using System.Globalization;
using System.Text;

namespace ChatFake.FakeModel;

/// <summary>
/// What the fake model says. A reply depends only on (model or bot id, content), through a
/// seed hashed from both, so it is the same on any instance, streamed or not. It answers in
/// Chinese when the content has CJK characters, otherwise in English, in one of four shapes
/// (sentences, bullet list, numbered list, fenced code block), in the voice of its model or bot.
/// </summary>
public static class ReplyComposer
{
    /// <summary>The shortest body; the whole text (prefix included) is at most <see cref="MaxLength"/>.</summary>
    public const int MinBodyLength = 40;
    public const int MaxLength = 300;

    /// <summary>A personal conversation's reply: <c>"[&lt;modelId&gt;] "</c> + body.</summary>
    public static Reply ForModel(string modelId, string content) =>
        Compose($"[{modelId}] ", Voices.OfModel(modelId), $"model:{modelId}", content);

    /// <summary>A group bot's reply: no prefix.</summary>
    public static Reply ForBot(string botId, string content) =>
        Compose("", Voices.OfBot(botId), $"bot:{botId}", content);

    static Reply Compose(string prefix, Voices voices, string key, string content)
    {
        var random = new SeededRandom(key, content);
        var chinese = HasCjk(content);
        var voice = chinese ? voices.Chinese : voices.English;
        var topic = TopicOf(content, chinese);
        string Fill(string template) => template.Replace("{t}", topic);

        var opener = random.Pick(voice.Openers);
        var closer = random.Pick(voice.Closers);
        var body = random.Pick(Shapes) switch
        {
            Shape.Bullets => List(voice, opener, Fill(random.Pick(voice.ListIntros)), random.PickDistinct(voice.Items, 3), numbered: false, closer),
            Shape.Numbered => List(voice, opener, Fill(random.Pick(voice.ListIntros)), random.PickDistinct(voice.Items, 3), numbered: true, closer),
            Shape.Code => CodeBlock(voice, opener, Fill(random.Pick(voice.CodeIntros)), random.Pick(voice.Codes), closer),
            _ => string.Join(voice.Space,
                [opener, .. random.PickDistinct(voice.Sentences, 2 + random.Below(2)).Select(Fill), closer]),
        };
        // Long topics can push a shape past the limit; one sentence always fits.
        if (body.Length > MaxLength - prefix.Length)
            body = string.Join(voice.Space, opener, Fill(random.Pick(voice.Sentences)), closer);
        while (body.Length < MinBodyLength)
            body += voice.Space + Fill(random.Pick(voice.Sentences));
        return new Reply(prefix, body);
    }

    enum Shape { Sentences, Bullets, Numbered, Code }

    // Sentences twice as likely as each other shape.
    static readonly Shape[] Shapes = [Shape.Sentences, Shape.Sentences, Shape.Bullets, Shape.Numbered, Shape.Code];

    static string List(Voice voice, string opener, string intro, IEnumerable<string> items, bool numbered, string closer)
    {
        var lines = items.Select((item, i) => numbered ? $"{i + 1}. {item}" : $"- {item}");
        return $"{opener}{voice.Space}{intro}\n\n{string.Join('\n', lines)}\n\n{closer}";
    }

    static string CodeBlock(Voice voice, string opener, string intro, Code code, string closer) =>
        $"{opener}{voice.Space}{intro}\n\n```{code.Language}\n{code.Source}\n```\n\n{closer}";

    /// <summary>A short, single-line, markdown-safe quote of the user's message.</summary>
    static string TopicOf(string content, bool chinese)
    {
        var flat = new StringBuilder();
        foreach (var c in content)
        {
            if ("`*_#>[]|\\".Contains(c)) continue;
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (flat.Length > 0 && flat[^1] != ' ') flat.Append(' ');
                continue;
            }
            flat.Append(c);
        }
        var text = flat.ToString().Trim();
        if (text.Length == 0) return chinese ? "这个问题" : "this";

        // At most 12 user-perceived characters and 24 UTF-16 units, cut between text elements.
        var quote = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        var count = 0;
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (count == 12 || quote.Length + element.Length > 24) return quote.ToString().TrimEnd() + "…";
            quote.Append(element);
            count++;
        }
        return quote.ToString();
    }

    static bool HasCjk(string text) => text.Any(c =>
        c is >= '\u3000' and <= '\u30FF'     // CJK punctuation, kana
        or >= '\u3400' and <= '\u4DBF'       // CJK extension A
        or >= '\u4E00' and <= '\u9FFF'       // CJK unified ideographs
        or >= '\uFF00' and <= '\uFFEF');     // full-width forms

    /// <summary>
    /// FNV-1a (32 bit) over the UTF-16 units of key and content seeds mulberry32: both are
    /// fixed arithmetic, so a seed gives the same numbers on every machine and .NET version
    /// (unlike string.GetHashCode, which is randomized per process).
    /// </summary>
    sealed class SeededRandom
    {
        uint state;

        public SeededRandom(string key, string content)
        {
            var hash = 0x811c9dc5u;
            foreach (var c in key + '\0' + content)
            {
                hash ^= c;
                hash *= 0x01000193u;
            }
            state = hash;
        }

        public double Next()
        {
            state += 0x6d2b79f5u;
            var t = state;
            t = (t ^ (t >> 15)) * (t | 1);
            t ^= t + (t ^ (t >> 7)) * (t | 61);
            return (t ^ (t >> 14)) / 4294967296.0;
        }

        public int Below(int n) => (int)(Next() * n);

        public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

        public List<T> PickDistinct<T>(IReadOnlyList<T> items, int n)
        {
            var pool = items.ToList();
            var picked = new List<T>();
            while (picked.Count < n && pool.Count > 0)
            {
                var i = Below(pool.Count);
                picked.Add(pool[i]);
                pool.RemoveAt(i);
            }
            return picked;
        }
    }
}
