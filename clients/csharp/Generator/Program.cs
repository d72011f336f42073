using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatFake.Infrastructure.Http.OpenApi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatFake.Generator;

/// <summary>
/// Regenerates, from the app as it is now, <c>openapi/chatfake.v1.json</c> (the document the app
/// serves at /swagger/v1/swagger.json) and <c>clients/csharp/ChatFakeClient.cs</c> (the C# client
/// of that document). Run from anywhere inside the repository:
/// <c>dotnet run --project clients/csharp/Generator</c>.
/// </summary>
static class Generate
{
    static async Task Main()
    {
        var root = RepositoryRoot();
        var document = Canonical(await ServedDocumentAsync(root));
        Write(Path.Combine(root, "openapi", "chatfake.v1.json"), document);
        Write(Path.Combine(root, "clients", "csharp", "ChatFakeClient.cs"), await ClientCode.FromDocumentAsync(document));
    }

    /// <summary>The document as the app serves it, from the app running in memory on a throwaway database.</summary>
    static async Task<string> ServedDocumentAsync(string root)
    {
        var database = Path.Combine(Path.GetTempPath(), "chatfake-generator-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
                .UseContentRoot(root)
                .UseEnvironment("Development")
                .UseSetting("DATABASE_PATH", Path.Combine(database, "chatfake.db"))
                .UseSetting("AI_DELAY_SCALE", "0")
                .UseSetting("Logging:LogLevel:Default", "Warning"));
            return await app.CreateClient().GetStringAsync(OpenApiSetup.DocumentPath);
        }
        finally
        {
            if (Directory.Exists(database)) Directory.Delete(database, recursive: true);
        }
    }

    // Indented, with non-ASCII text left readable and "\n" line endings on every platform, so
    // that the committed file changes only when the document does.
    static string Canonical(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }).ReplaceLineEndings("\n") + "\n";

    static void Write(string path, string content)
    {
        var unchanged = File.Exists(path) && File.ReadAllText(path) == content;
        if (!unchanged) File.WriteAllText(path, content);
        Console.WriteLine($"{(unchanged ? "unchanged" : "written")}: {Path.GetRelativePath(Directory.GetCurrentDirectory(), path)}");
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChatFake.csproj"))) return dir.FullName;
        throw new InvalidOperationException("Run the generator from inside the ChatFake repository.");
    }
}
