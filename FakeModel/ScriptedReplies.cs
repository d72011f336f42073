using System.Globalization;
using System.Text;
using FluentValidation.Results;
using Microsoft.Extensions.Options;

namespace ChatFake.FakeModel;

/// <summary>
/// The one place that decides what the fake model says to a message: the text of the request's
/// <c>X-Fake-Reply</c> header, else the reply of the first FAKE_REPLIES_PATH rule that matches,
/// else what <see cref="ReplyComposer"/> writes, capped at AI_REPLY_MAX_CHARS. Scripted text is
/// used as written (never cut, never trimmed); a personal reply still carries its "[model] "
/// prefix. A script replaces only the text: the request's X-Fake-Scenario still applies, and a
/// rule's own scenario applies when the request names none.
/// </summary>
public sealed class ScriptedReplies(IOptions<ReplyRulesOptions> rules, IOptions<AiOptions> ai)
{
    public const string Header = "X-Fake-Reply";

    /// <summary>The longest scripted text, in UTF-16 code units (as every length of the API).</summary>
    public const int MaxLength = 8000;

    static readonly UTF8Encoding strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly IReadOnlyList<ReplyRule> ruleList = rules.Value.Rules;
    readonly int? maxChars = ai.Value.ReplyMaxChars;

    /// <summary>The script of one request: what its responders say, and the scenario it runs under.</summary>
    /// <param name="scripted">The request's X-Fake-Reply text (<see cref="Read"/> or <see cref="TryParse"/>), or null.</param>
    /// <param name="scenario">The request's X-Fake-Scenario.</param>
    public ReplyScript For(string? scripted, Scenario scenario) => new(this, scripted, scenario);

    /// <summary>The reply, and the scenario of the rule that gave it (null: no rule, or one without).</summary>
    internal (Reply Reply, Scenario? RuleScenario) Decide(string responderId, string prefix, string content, string? scripted,
        Scenario scenario, Func<Scenario, Reply> compose)
    {
        if (scripted is not null) return (new Reply(prefix, scripted), null);
        if (ruleList.FirstOrDefault(r => r.Matches(responderId, content)) is { } rule) return (new Reply(prefix, rule.Reply), rule.Scenario);
        return (Capped(compose(scenario)), null);
    }

    /// <summary>The body cut to AI_REPLY_MAX_CHARS code units, between user-perceived characters.</summary>
    Reply Capped(Reply reply)
    {
        if (maxChars is not { } max || reply.Body.Length <= max) return reply;
        var body = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(reply.Body);
        while (elements.MoveNext() && body.Length + elements.GetTextElement().Length <= max)
            body.Append(elements.GetTextElement());
        return reply with { Body = body.ToString() };
    }

    /// <summary>
    /// The request's X-Fake-Reply text, or null without one. A header that is not valid is added
    /// to <paramref name="failures"/> (the endpoint's validation failures), so it is answered with
    /// the body's 400s, before anything is stored.
    /// </summary>
    public static string? Read(HttpRequest request, List<ValidationFailure> failures)
    {
        var values = request.Headers[Header];
        if (values.Count > 1)
        {
            failures.Add(new ValidationFailure(Header, $"send at most one {Header} header (got {values.Count})"));
            return null;
        }
        if (!TryParse(values.ToString(), out var text, out var error))
            failures.Add(new ValidationFailure(Header, error));
        return text;
    }

    /// <summary>
    /// Percent-decodes a header value into UTF-8 text, as <c>encodeURIComponent</c> encodes it:
    /// only <c>%XX</c> escapes are decoded (a <c>+</c> stays a plus), nothing is trimmed, and an
    /// empty value is no script (<paramref name="text"/> null). Raw characters beyond ASCII, a
    /// broken escape, bytes that are not UTF-8, or more than <see cref="MaxLength"/> characters
    /// decoded: false, with <paramref name="error"/> saying which.
    /// </summary>
    public static bool TryParse(string? header, out string? text, out string error)
    {
        text = null;
        error = "";
        if (string.IsNullOrEmpty(header)) return true;
        var bytes = new byte[header.Length];
        var count = 0;
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '%')
            {
                if (i + 2 >= header.Length || !IsHex(header[i + 1]) || !IsHex(header[i + 2]))
                {
                    error = $"{Header} must be percent-encoded UTF-8 (encodeURIComponent): \"%\" at position {i} is not followed by two hex digits";
                    return false;
                }
                bytes[count++] = (byte)Convert.ToInt32(header.Substring(i + 1, 2), 16);
                i += 2;
            }
            else if (c > 0x7F)
            {
                error = $"{Header} must be percent-encoded UTF-8 (encodeURIComponent): raw character U+{(int)c:X4} at position {i}";
                return false;
            }
            else
            {
                bytes[count++] = (byte)c;
            }
        }
        string decoded;
        try
        {
            decoded = strictUtf8.GetString(bytes, 0, count);
        }
        catch (DecoderFallbackException)
        {
            error = $"{Header} must be percent-encoded UTF-8 (encodeURIComponent): the decoded bytes are not UTF-8";
            return false;
        }
        if (decoded.Length > MaxLength)
        {
            error = $"{Header} must be at most {MaxLength} characters once decoded (got {decoded.Length})";
            return false;
        }
        text = decoded;
        return true;
    }

    static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}

/// <summary>
/// What the responders of one request say (<see cref="ForModel"/>, <see cref="ForBot"/>, asked
/// as they are picked), and then the <see cref="Scenario"/> the exchange runs under: the
/// request's X-Fake-Scenario, or, when it names none, the scenario of the first rule that gave
/// a reply (in a group, the first bot's in answer order).
/// </summary>
public sealed class ReplyScript
{
    readonly ScriptedReplies replies;
    readonly string? scripted;
    readonly Scenario requested;

    internal ReplyScript(ScriptedReplies replies, string? scripted, Scenario requested)
    {
        this.replies = replies;
        this.scripted = scripted;
        this.requested = requested;
        Scenario = requested;
    }

    public Scenario Scenario { get; private set; }

    /// <summary>What model <paramref name="modelId"/> says to <paramref name="content"/> (the user's
    /// message; on /v1 the last user message), in a personal conversation or on a protocol route.</summary>
    public Reply ForModel(string modelId, string content) =>
        Said(replies.Decide(modelId, ReplyComposer.PrefixOf(modelId), content, scripted, requested,
            scenario => ReplyComposer.ForModel(modelId, content, scenario)));

    /// <summary>What bot <paramref name="botId"/> says in a group to <paramref name="content"/>.</summary>
    public Reply ForBot(string botId, string content) =>
        Said(replies.Decide(botId, "", content, scripted, requested, scenario => ReplyComposer.ForBot(botId, content, scenario)));

    Reply Said((Reply Reply, Scenario? RuleScenario) decision)
    {
        if (requested == Scenario.None && Scenario == Scenario.None && decision.RuleScenario is { } ruled) Scenario = ruled;
        return decision.Reply;
    }
}
