using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace ChatFake.Infrastructure.Hosting;

/// <summary>
/// <c>chatfake [options]</c>: one flag per row of <see cref="Settings"/>. Flags win over
/// environment variables, which win over appsettings.json.
/// </summary>
public static class CommandLine
{
    public const int UsageError = 2;

    // What WebApplicationFactory and the dotnet tooling hand the host, as --key=value.
    static readonly string[] HostKeys = ["environment", "contentRoot", "applicationName"];

    public static string Version { get; } = typeof(CommandLine).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    /// <summary>The app's builder, or none when the command line was --help, --version or a
    /// mistake: then <paramref name="exitCode"/> is what the process ends with.</summary>
    public static bool TryCreateBuilder(string[] args, [NotNullWhen(true)] out WebApplicationBuilder? builder, out int exitCode)
    {
        builder = null;
        exitCode = 0;
        var flags = new Dictionary<string, string?>();
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, (string?)v) : (args[i], null);
            string? NextValue() => inline ?? (i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : null);

            if (name is "--help" or "-h")
            {
                Console.Out.Write(Help());
                return false;
            }
            if (name == "--version")
            {
                Console.Out.WriteLine(Version);
                return false;
            }
            var setting = Settings.All.FirstOrDefault(s => s.Name == name);
            var hostKey = HostKeys.FirstOrDefault(k => name.Equals("--" + k, StringComparison.OrdinalIgnoreCase));
            if (setting is null && hostKey is null)
                return Fail($"unknown option '{args[i]}'", out exitCode);
            var value = setting is { IsSwitch: true } ? inline ?? "1" : NextValue();
            if (value is null)
                return Fail($"{name} needs a value ({setting?.Flag ?? name + " <value>"})", out exitCode);
            if (setting is not null) flags[setting.Key] = value;
            else hostArgs.Add($"--{hostKey}={value}");
        }

        builder = WebApplication.CreateBuilder(SingleFileBinary.Options([.. hostArgs]));
        SingleFileBinary.Configure(builder);
        builder.Configuration.AddInMemoryCollection(flags);
        return true;
    }

    static bool Fail(string message, out int exitCode)
    {
        Console.Error.WriteLine($"chatfake: {message}. Run chatfake --help for the options.");
        exitCode = UsageError;
        return false;
    }

    static string Help()
    {
        var rows = Settings.All.Select(s => (s.Flag, s.Key, Default: s.DefaultHere, s.Meaning))
            .Append((Flag: "--environment <name>", Key: "ASPNETCORE_ENVIRONMENT",
                Default: SingleFileBinary.IsRunning ? "Development" : "Production",
                Meaning: "Development, or Production: CORS_ORIGINS and a real JWT_SECRET apply"))
            .ToList();
        var flagWidth = rows.Max(r => r.Flag.Length) + 2;
        var keyWidth = rows.Max(r => r.Key.Length) + 2;
        var help = new StringBuilder()
            .AppendLine($"ChatFake {Version}: a fake ChatGPT-like chat backend for building and testing chat UIs.")
            .AppendLine()
            .AppendLine("Usage: chatfake [options]")
            .AppendLine()
            .AppendLine("Each option also reads the environment variable named beside it, then appsettings.json;")
            .AppendLine("a flag wins over the variable, the variable over the file.")
            .AppendLine();
        foreach (var (flag, key, defaultValue, meaning) in rows)
            help.AppendLine($"  {flag.PadRight(flagWidth)}{key.PadRight(keyWidth)}{meaning} (default: {defaultValue})");
        return help
            .AppendLine($"  {"--help, -h".PadRight(flagWidth + keyWidth)}this list")
            .AppendLine($"  {"--version".PadRight(flagWidth + keyWidth)}the version")
            .AppendLine()
            .AppendLine("Seeded accounts: test@test.com / 123456 and test2@test.com / 123456.")
            .ToString();
    }
}
