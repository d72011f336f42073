using System.Reflection;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;

namespace ChatFake.Infrastructure.Hosting;

/// <summary>
/// The self-contained single-file binary of scripts/package.sh. It is installed somewhere
/// (node_modules, /usr/local/bin) with nothing beside it and run in a frontend project's
/// folder, so it reads its default settings and serves wwwroot from the files embedded in the
/// assembly, never the appsettings.json or wwwroot of the folder it is run in; keeps its
/// database in that folder (the rows of <see cref="Settings"/> with a BinaryDefault); and
/// starts in Development, the laptop setting, unless an environment is given.
/// </summary>
static class SingleFileBinary
{
    // Stamped by the csproj when it is published as a single file.
    public static bool IsRunning { get; } = typeof(SingleFileBinary).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Any(a => a.Key == "ChatFake.SingleFileBinary");

    public static WebApplicationOptions Options(string[] hostArgs)
    {
        if (!IsRunning) return new() { Args = hostArgs };
        var environmentGiven = hostArgs.Any(a => a.StartsWith("--environment=", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"));
        return new()
        {
            Args = hostArgs,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = environmentGiven ? null : Environments.Development,
        };
    }

    public static void Configure(WebApplicationBuilder builder)
    {
        if (!IsRunning) return;
        var assembly = typeof(SingleFileBinary).Assembly;
        // Below everything else, as appsettings.json is in `dotnet run`: variables and flags win.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new ManifestEmbeddedFileProvider(assembly),
            Path = "appsettings.json",
            Optional = false,
        });
        builder.Configuration.Sources.Insert(1, new MemoryConfigurationSource
        {
            InitialData = Settings.All.Where(s => s.BinaryDefault is not null)
                .Select(s => KeyValuePair.Create(s.Key, s.BinaryDefault)),
        });
        builder.Environment.WebRootFileProvider = new ManifestEmbeddedFileProvider(assembly, "wwwroot");
    }
}
