using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatFake.Tests.Hardening;
using Microsoft.Extensions.Configuration;

namespace ChatFake.Tests.Docs;

/// <summary>
/// docs/API.md stays the contract of the code: every route the app serves is documented as
/// <c>METHOD /path</c> and every documented route is served; every setting the app reads is a
/// row of its settings table and every row is a setting the app reads; and nothing in the
/// repository points outside it.
/// </summary>
public sealed partial class ApiDocTests(App app) : IClassFixture<App>
{
    static readonly string document = File.ReadAllText(Repository.File("docs/API.md"));

    [Fact]
    public void Every_route_the_app_serves_is_documented()
    {
        var documented = DocumentedRoutes();
        var missing = Route.All(app).Where(r => !r.Hidden).Select(r => r.ToString()).Where(r => !documented.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "docs/API.md does not document:\n" + string.Join('\n', missing));
    }

    [Fact]
    public async Task Every_documented_route_is_served()
    {
        var served = Route.All(app).Where(r => !r.Hidden).Select(r => r.ToString()).ToHashSet();
        var failures = new List<string>();
        foreach (var route in DocumentedRoutes().Where(r => !served.Contains(r)))
        {
            // Served by middleware rather than an endpoint (the OpenAPI document): it must answer.
            var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
            var response = method == "GET" ? await app.Anonymous().GetAsync(path) : null;
            if (response?.IsSuccessStatusCode != true)
                failures.Add($"{route}: documented, but {(response is null ? "no such endpoint" : $"answers {(int)response.StatusCode}")}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void The_settings_table_lists_exactly_the_settings_the_app_reads()
    {
        var read = SettingsTheAppReads();
        var documented = SettingsTable();

        Assert.True(read.Except(documented).ToList() is [], "settings missing from docs/API.md: " + string.Join(", ", read.Except(documented)));
        Assert.True(documented.Except(read).ToList() is [], "settings documented but never read: " + string.Join(", ", documented.Except(read)));
    }

    [Fact]
    public void Every_bound_setting_also_lives_in_appsettings_json()
    {
        var inFile = AppSettingsKeys();
        var bound = BoundKeys().Where(key => !inFile.Contains(key)).ToList();
        Assert.True(bound.Count == 0, "bound but missing from appsettings.json: " + string.Join(", ", bound));
    }

    [Fact]
    public void Nothing_in_the_repository_points_outside_it()
    {
        // Spelt in pieces so that this file does not match itself; bench/ compares ChatFake
        // with the reference implementation and may name it.
        string[] outside = ["../" + "shared", "express" + "-seed", "an" + "chor"];
        string[] skipped = ["bench", "bin", "obj", "node_modules", ".git", "vendor"];
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repository.Root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => skipped.Contains(part))) continue;
            if (relative.EndsWith(".db", StringComparison.Ordinal) || new FileInfo(file).Length > 4 * 1024 * 1024) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (outside.Any(word => lines[i].Contains(word, StringComparison.OrdinalIgnoreCase)))
                    hits.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(hits.Count == 0, string.Join('\n', hits));
    }

    static HashSet<string> DocumentedRoutes() =>
        DocumentedRoute().Matches(document).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToHashSet();

    static HashSet<string> SettingsTable()
    {
        var start = document.IndexOf("\n## Settings", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/API.md has no \"## Settings\" section");
        var end = document.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = document[start..(end < 0 ? document.Length : end)];
        return SettingRow().Matches(section).Select(m => m.Groups[1].Value).ToHashSet();
    }

    /// <summary>Every key of an options class ([ConfigurationKeyName]), every key of
    /// appsettings.json (where the keys read straight from the configuration live too) and
    /// the host's environment.</summary>
    static HashSet<string> SettingsTheAppReads() => [.. BoundKeys(), .. AppSettingsKeys(), "ASPNETCORE_ENVIRONMENT"];

    static IEnumerable<string> BoundKeys() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name)
            .OfType<string>()
            .Distinct();

    static HashSet<string> AppSettingsKeys() =>
        JsonNode.Parse(File.ReadAllText(Repository.File("appsettings.json")))!.AsObject()
            .Select(p => p.Key)
            .Where(key => key != "Logging") // ASP.NET Core's own log levels, not a ChatFake setting
            .ToHashSet();

    // `GET /api/conversations/{id}` or `GET /api/conversations?tag=&page=` (the query left out).
    [GeneratedRegex(@"`(GET|POST|PUT|PATCH|DELETE) (/[^`?\s]*)[^`]*`")]
    private static partial Regex DocumentedRoute();

    [GeneratedRegex(@"^\| `([A-Z0-9_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}
