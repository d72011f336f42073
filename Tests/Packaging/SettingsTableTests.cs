using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatFake.Infrastructure.Hosting;

namespace ChatFake.Tests.Packaging;

/// <summary>The CLI's table (Infrastructure/Hosting/Settings.cs) has one flag per setting.</summary>
public sealed class SettingsTableTests
{
    static readonly IEnumerable<string> Keys = Settings.All.Select(s => s.Key);

    [Fact]
    public void Every_setting_of_appsettings_json_has_a_flag()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "appsettings.json")))!.AsObject();
        Assert.Empty(file.Select(p => p.Key).Where(k => k != "Logging").Except(Keys));
    }

    [Fact]
    public void Every_variable_of_the_readme_configuration_table_has_a_flag()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## Configuration\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var variables = Regex.Matches(section, @"^\| `([A-Z_]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(variables);
        Assert.Empty(variables.Except(Keys));
    }

    [Fact]
    public void Flags_and_keys_are_unique()
    {
        Assert.Equal(Settings.All.Count, Settings.All.Select(s => s.Name).Distinct().Count());
        Assert.Equal(Settings.All.Count, Keys.Distinct().Count());
    }
}
