using System.Globalization;
using System.Text;

namespace ChatFake.FakeModel;

/// <summary>
/// What the fake model says. A reply depends only on (model or bot id, content, scenario),
/// through a seed hashed from the first two, so it is the same on any instance, streamed or not.
/// It answers in Chinese when the content has CJK characters, otherwise in English, in the voice
/// of its model or bot, in one of the shapes a chat UI must render: sentences, bullet, numbered
/// and nested lists, a table, a fenced code block with inline code, a block quote with a link,
/// or a guide of headed sections (over 1,500 characters in English). The first line is always
/// an opening sentence; every block starts on its own line after a blank one, where a markdown
/// renderer sees it.
/// </summary>
public static class ReplyComposer
{
    /// <summary>The shortest body of any reply.</summary>
    public const int MinBodyLength = 40;

    /// <summary>The shortest body of a reply to the <c>long</c> scenario.</summary>
    public const int LongBodyLength = 4000;

    /// <summary>What every reply of a personal conversation starts with: <c>"[&lt;modelId&gt;] "</c>.</summary>
    public static string PrefixOf(string modelId) => $"[{modelId}] ";

    /// <summary>A personal conversation's reply: <see cref="PrefixOf"/> + body.</summary>
    public static Reply ForModel(string modelId, string content, Scenario scenario = Scenario.None) =>
        Compose(PrefixOf(modelId), Voices.OfModel(modelId), $"model:{modelId}", content, scenario);

    /// <summary>A group bot's reply: no prefix.</summary>
    public static Reply ForBot(string botId, string content, Scenario scenario = Scenario.None) =>
        Compose("", Voices.OfBot(botId), $"bot:{botId}", content, scenario);

    static Reply Compose(string prefix, Voices voices, string key, string content, Scenario scenario)
    {
        var chinese = HasCjk(content);
        var draft = new Draft(new SeededRandom(key, content), chinese ? voices.Chinese : voices.English,
            chinese ? Language.Chinese : Language.English, TopicOf(content, chinese));
        var body = scenario switch
        {
            Scenario.Long => draft.Long(),
            Scenario.Markdown => draft.Markdown(),
            _ => draft.Any(),
        };
        return new Reply(prefix, body);
    }

    enum Shape { Sentences, Bullets, Numbered, Nested, Table, Code, Quote, Guide }

    enum Block { Bullets, Numbered, Nested, Table, Code, Quote }

    /// <summary>One reply being written: the voice's phrases and its language's, drawn from one seed.</summary>
    sealed class Draft(SeededRandom random, Voice voice, Language language, string topic)
    {
        // Sentences twice as likely as each other shape, so that short replies stay common.
        static readonly Shape[] Shapes =
            [Shape.Sentences, Shape.Sentences, Shape.Bullets, Shape.Numbered, Shape.Nested, Shape.Table, Shape.Code, Shape.Quote, Shape.Guide];

        static readonly Block[] Blocks = Enum.GetValues<Block>();

        readonly string[] sentences = [.. voice.Sentences, .. language.Fillers];

        string Space => voice.Space;

        string Fill(string template) => template.Replace("{t}", topic);

        public string Any()
        {
            var opener = random.Pick(voice.Openers);
            var shape = random.Pick(Shapes);
            var body = shape switch
            {
                Shape.Sentences => Sentences(opener),
                Shape.Guide => Guide(opener),
                Shape.Bullets => WithBlock(opener, Block.Bullets),
                Shape.Numbered => WithBlock(opener, Block.Numbered),
                Shape.Nested => WithBlock(opener, Block.Nested),
                Shape.Table => WithBlock(opener, Block.Table),
                Shape.Code => WithBlock(opener, Block.Code),
                _ => WithBlock(opener, Block.Quote),
            };
            while (body.Length < MinBodyLength)
                body += Space + Fill(random.Pick(voice.Sentences));
            return body;
        }

        /// <summary>Every block and a link, in numbered sections, until the body is long enough.</summary>
        public string Long()
        {
            var text = new StringBuilder(OpeningLine(random.Pick(voice.Openers)));
            var section = 0;
            while (text.Length < LongBodyLength)
            {
                foreach (var block in Blocks)
                {
                    var heading = Fill(language.Headings[section % language.Headings.Length]);
                    section++;
                    text.Append($"\n\n## {section}. {heading}\n\n{Paragraph(3)}\n\n{BlockOf(block)}");
                }
            }
            return text.Append(Summary()).ToString();
        }

        /// <summary>Every markdown construct a chat UI renders, each once, in the voice's words.</summary>
        public string Markdown()
        {
            var headings = random.PickDistinct(language.Headings, 2).Select(Fill).ToList();
            var link = random.Pick(language.Links);
            return $"{random.Pick(voice.Openers)}{Space}{language.MarkdownIntro}" +
                   $"\n\n## {headings[0]}\n\n{language.Emphasis.Replace("{url}", link.Url)}" +
                   $"\n\n### {headings[1]}\n\n{BlockOf(Block.Bullets)}" +
                   $"\n\n{BlockOf(Block.Nested)}" +
                   $"\n\n{BlockOf(Block.Table)}" +
                   $"\n\n{BlockOf(Block.Quote)}" +
                   $"\n\n{BlockOf(Block.Code)}" +
                   $"\n\n{language.Pairing}{Space}{LinkSentence()}" +
                   $"\n\n{random.Pick(voice.Closers)}";
        }

        string Sentences(string opener)
        {
            var first = string.Join(Space, [opener, .. random.PickDistinct(voice.Sentences, 2 + random.Below(2)).Select(Fill)]);
            var closer = random.Pick(voice.Closers);
            // One in three runs on for a second paragraph, as real answers often do.
            return random.Below(3) == 0 ? $"{first}\n\n{Paragraph(3)}{Space}{closer}" : $"{first}{Space}{closer}";
        }

        string WithBlock(string opener, Block block)
        {
            var intro = block switch
            {
                Block.Code => random.Pick(voice.CodeIntros),
                Block.Quote => random.Pick(language.QuoteIntros),
                _ => random.Pick(voice.ListIntros),
            };
            var followUp = block switch
            {
                Block.Code => InlineCodeSentence() + Space,
                Block.Table or Block.Quote => LinkSentence() + Space,
                Block.Nested => Fill(random.Pick(language.Fillers)) + Space,
                _ => "",
            };
            return $"{opener}{Space}{Fill(intro)}\n\n{BlockOf(block)}\n\n{followUp}{random.Pick(voice.Closers)}";
        }

        /// <summary>Three to five headed sections, each a paragraph and a block, then a summary.</summary>
        string Guide(string opener)
        {
            var count = 3 + random.Below(3);
            var headings = random.PickDistinct(language.Headings, count);
            var blocks = random.PickDistinct(Blocks, count);
            var text = new StringBuilder(OpeningLine(opener));
            for (var i = 0; i < count; i++)
                text.Append($"\n\n## {Fill(headings[i])}\n\n{Paragraph(2 + random.Below(2))}\n\n{BlockOf(blocks[i])}");
            return text.Append(Summary()).ToString();
        }

        string OpeningLine(string opener) => opener + Space + Fill(random.Pick(voice.Sentences));

        string Summary() =>
            $"\n\n## {language.Summary}\n\n{Paragraph(2)}{Space}{InlineCodeSentence()}{Space}{LinkSentence()}\n\n{random.Pick(voice.Closers)}";

        string Paragraph(int count) => string.Join(Space, random.PickDistinct(sentences, count).Select(Fill));

        string BlockOf(Block block)
        {
            switch (block)
            {
                case Block.Bullets:
                    return string.Join('\n', Items(3).Select(item => $"- {item}"));
                case Block.Numbered:
                    return string.Join('\n', Items(3).Select((item, i) => $"{i + 1}. {item}"));
                case Block.Nested:
                {
                    var details = random.PickDistinct(language.Details, 3);
                    var items = Items(2);
                    return $"1. {items[0]}\n   - {details[0]}\n   - {details[1]}\n2. {items[1]}\n   - {details[2]}";
                }
                case Block.Table:
                {
                    var details = random.PickDistinct(language.Details, 3);
                    var rows = Items(3).Select((item, i) => $"| {item} | {random.Pick(language.Efforts)} | {details[i]} |");
                    return $"| {string.Join(" | ", language.TableHeader)} |\n|---|---|---|\n{string.Join('\n', rows)}";
                }
                case Block.Code:
                {
                    var code = random.Pick(voice.Codes);
                    return $"```{code.Language}\n{code.Source}\n```";
                }
                default:
                    return $"> {random.Pick(language.Quotes)}";
            }
        }

        List<string> Items(int count) => random.PickDistinct(voice.Items, count);

        string LinkSentence()
        {
            var link = random.Pick(language.Links);
            return random.Pick(language.LinkSentences).Replace("{name}", link.Name).Replace("{url}", link.Url);
        }

        /// <summary>A sentence quoting the first line of one of the voice's snippets as inline code,
        /// up to a backtick of its own, which would end the span.</summary>
        string InlineCodeSentence()
        {
            var code = random.Pick(voice.Codes);
            var line = code.Source.Split('\n')[0].Split('`')[0].Trim();
            return random.Pick(language.InlineCodeSentences).Replace("{code}", line);
        }
    }

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
