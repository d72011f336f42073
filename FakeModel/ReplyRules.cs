using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ChatFake.FakeModel;

/// <summary>One rule of the FAKE_REPLIES_PATH file: when <see cref="Matches"/> the user's
/// content (and <see cref="Model"/>, if set, is the responder), say <see cref="Reply"/>.</summary>
public sealed class ReplyRule(int number, string match, string? model, string reply, Scenario? scenario, Regex? pattern)
{
    public int Number { get; } = number;
    public string Match { get; } = match;
    public string? Model { get; } = model;
    public string Reply { get; } = reply;
    /// <summary>The scenario the rule asks for when the request names none; null: the rule names none.</summary>
    public Scenario? Scenario { get; } = scenario;

    public bool Matches(string responderId, string content)
    {
        if (Model is not null && Model != responderId) return false;
        if (pattern is null) return content.Contains(Match, StringComparison.Ordinal);
        try
        {
            return pattern.IsMatch(content);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that backtracks for ever on this content does not match it; the request goes on.
            return false;
        }
    }
}

/// <summary>
/// The FAKE_REPLIES_PATH file, read and checked once at start-up, so a suite's fixture file that
/// is wrong stops the app with a message naming the rule instead of failing tests one by one.
/// </summary>
public sealed class ReplyRulesOptions
{
    static readonly string[] Fields = ["match", "model", "reply", "scenario"];
    static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    [ConfigurationKeyName("FAKE_REPLIES_PATH")]
    public string? Path { get; set; }

    // Fields, not properties: the configuration binder leaves them alone.
    internal IReadOnlyList<ReplyRule> Rules = [];
    internal readonly List<string> Problems = [];

    /// <summary>Reads <see cref="Path"/> into <see cref="Rules"/>, or lists what is wrong with it in
    /// <see cref="Problems"/>; no path, no rules.</summary>
    internal void Load()
    {
        if (string.IsNullOrWhiteSpace(Path)) return;
        var where = $"FAKE_REPLIES_PATH ({System.IO.Path.GetFullPath(Path)})";
        if (!File.Exists(Path))
        {
            Problems.Add($"{where}: no such file");
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(Path),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            Problems.Add($"{where}: not valid JSON: {e.Message}");
            return;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"{where}: must be a JSON array of rules, [{{ \"match\": \"...\", \"reply\": \"...\" }}, ...]");
                return;
            }
            var rules = new List<ReplyRule>();
            var number = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                number++;
                var problems = new List<string>();
                var rule = Parse(number, element, problems);
                var name = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("match", out var m) && m.ValueKind == JsonValueKind.String
                    ? $"rule {number} (match \"{m.GetString()}\")"
                    : $"rule {number}";
                Problems.AddRange(problems.Select(problem => $"{where}: {name}: {problem}"));
                if (rule is not null) rules.Add(rule);
            }
            Rules = rules;
        }
    }

    static ReplyRule? Parse(int number, JsonElement element, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add("must be an object with \"match\" and \"reply\"");
            return null;
        }
        foreach (var property in element.EnumerateObject())
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                problems.Add($"unknown field \"{property.Name}\" (a rule has {string.Join(", ", Fields)})");

        var match = Text(element, "match", required: true, problems);
        var reply = Text(element, "reply", required: true, problems);
        var model = Text(element, "model", required: false, problems);
        var scenarioName = Text(element, "scenario", required: false, problems);

        if (match is { Length: 0 })
            problems.Add("\"match\" must not be empty (\"//\" matches every message)");
        if (reply is { Length: 0 })
            problems.Add("\"reply\" must not be empty");
        if (reply is { Length: > ScriptedReplies.MaxLength })
            problems.Add($"\"reply\" must be at most {ScriptedReplies.MaxLength} characters (got {reply.Length})");
        if (model is not null && !Voices.Ids.Contains(model, StringComparer.Ordinal))
            problems.Add($"\"model\" must be one of {string.Join(", ", Voices.Ids)} (got \"{model}\")");
        Scenario? scenario = null;
        if (scenarioName is not null)
        {
            if (Scenarios.TryParse(scenarioName, out var parsed) && parsed != FakeModel.Scenario.None)
                scenario = parsed;
            else
                problems.Add($"\"scenario\" must be one of {string.Join(", ", Scenarios.ByName.Keys)} (got \"{scenarioName}\")");
        }

        Regex? pattern = null;
        if (match is not null && RegexOf(match) is var (source, options))
        {
            try
            {
                pattern = new Regex(source, options | RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                problems.Add($"\"match\" is not a valid .NET regular expression: {e.Message}");
            }
        }
        return problems.Count == 0 ? new ReplyRule(number, match!, model, reply!, scenario, pattern) : null;
    }

    /// <summary>"/pattern/" or "/pattern/i" is a regular expression; anything else a substring.</summary>
    static (string Source, RegexOptions Options)? RegexOf(string match) =>
        match.Length >= 2 && match[0] == '/' && match[^1] == '/' ? (match[1..^1], RegexOptions.None)
        : match.Length >= 3 && match[0] == '/' && match.EndsWith("/i", StringComparison.Ordinal) ? (match[1..^2], RegexOptions.IgnoreCase)
        : null;

    static string? Text(JsonElement rule, string field, bool required, List<string> problems)
    {
        if (!rule.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) problems.Add($"\"{field}\" is required");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        problems.Add($"\"{field}\" must be a string");
        return null;
    }
}
