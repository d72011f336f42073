using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ChatFake.Tests.Packaging;

/// <summary>
/// The npm packages of scripts/package.sh as a frontend developer uses them: the two linux-x64
/// tarballs installed into an empty folder, then <c>npx chatfake</c> with no .NET on the PATH.
/// .ci/run builds the tarballs before the suite, so CI always runs this.
/// </summary>
public sealed class NpmPackageTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("chatfake-npx-").FullName;

    [LinuxX64TarballsFact]
    public async Task Npx_chatfake_serves_the_seeded_login_and_the_playground_and_stops_gracefully_keeping_its_data()
    {
        var version = Repository.Version;
        var tarballs = Directory.GetFiles(Repository.NpmDirectory, "*.tgz")
            .Where(f => Path.GetFileName(f) is var name && (name == $"chatfake-{version}.tgz" || name == $"chatfake-linux-x64-{version}.tgz"))
            .ToList();
        Assert.Equal(2, tarballs.Count);
        var install = await Npx.RunAsync(folder, Environment.GetEnvironmentVariable("PATH")!, "npm",
            ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", .. tarballs]);
        Assert.True(install.ExitCode == 0, install.Output);

        var launcher = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "node_modules/chatfake/package.json")))!;
        Assert.Equal(version, (string?)launcher["version"]);
        var optional = launcher["optionalDependencies"]!.AsObject();
        Assert.Equal(["@chatfake/linux-arm64", "@chatfake/linux-x64", "@chatfake/osx-arm64", "@chatfake/osx-x64", "@chatfake/win-x64"],
            optional.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.All(optional, d => Assert.Equal(version, (string?)d.Value));

        var path = Npx.PathWithoutDotnet(folder);

        var versionRun = await Npx.RunAsync(folder, path, Path.Combine(path, "npx"), ["chatfake", "--version"]);
        Assert.Equal((0, version), (versionRun.ExitCode, versionRun.Stdout.Trim()));

        var help = await Npx.RunAsync(folder, path, Path.Combine(path, "npx"), ["chatfake", "--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Matches(@"--port <n>\s+PORT\s+HTTP port \(default: 3000\)", help.Stdout);
        Assert.Matches(@"--db <path>\s+DATABASE_PATH\s+.*\(default: \./\.chatfake/chatfake\.db\)", help.Stdout);
        Assert.Matches(@"--seed-demo\s+SEED_DEMO", help.Stdout);

        var wrong = await Npx.RunAsync(folder, path, Path.Combine(path, "npx"), ["chatfake", "--prot", "3000"]);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("unknown option '--prot'", wrong.Output);

        string conversationId;
        await using (var server = await Npx.StartAsync(folder, path, "npx", "chatfake"))
        {
            using var login = await server.Client.PostAsJsonAsync("/api/auth/login", new { email = "test@test.com", password = "123456" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var token = (string)(await login.ReadJsonAsync())["data"]!["token"]!;
            server.Client.DefaultRequestHeaders.Authorization = new("Bearer", token);

            using var playground = await server.Client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, playground.StatusCode);
            Assert.Equal("text/html", playground.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<title>ChatFake", await playground.Content.ReadAsStringAsync());

            using var created = await server.Client.PostAsJsonAsync("/api/conversations", new { title = "kept across restarts" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            conversationId = (string)(await created.ReadJsonAsync())["data"]!["id"]!;

            // Ctrl+C in a terminal, a test runner's teardown and systemd signal npx's whole process
            // group (npm runs the launcher through sh, which does not pass signals on).
            await server.TerminateGroupAsync(TimeSpan.FromSeconds(10));
        }

        var data = Path.Combine(folder, ".chatfake");
        Assert.True(File.Exists(Path.Combine(data, "chatfake.db")), "the database is in ./.chatfake of the folder npx ran in");
        Assert.False(File.Exists(Path.Combine(data, "chatfake-log.db")), "a graceful stop checkpoints the journal into the data file");
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "node_modules"), "*.db", SearchOption.AllDirectories));

        // The launcher itself, signalled alone, passes SIGTERM on and ends with ChatFake's exit code.
        await using (var again = await Npx.StartAsync(folder, path, Path.Combine(folder, "node_modules", ".bin", "chatfake")))
        {
            using var login = await again.Client.PostAsJsonAsync("/api/auth/login", new { email = "test@test.com", password = "123456" });
            again.Client.DefaultRequestHeaders.Authorization = new("Bearer", (string)(await login.ReadJsonAsync())["data"]!["token"]!);
            using var kept = await again.Client.GetAsync($"/api/conversations/{conversationId}");
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            Assert.Equal("kept across restarts", (string?)(await kept.ReadJsonAsync())["data"]!["title"]);
            Assert.Equal(0, await again.TerminateAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.False(File.Exists(Path.Combine(data, "chatfake-log.db")), "a graceful stop checkpoints the journal into the data file");
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The repository this suite was built from, and what scripts/package.sh wrote into it.</summary>
static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The tarballs: CHATFAKE_NPM_DIR, or dist/npm of the repository.</summary>
    public static string NpmDirectory =>
        Environment.GetEnvironmentVariable("CHATFAKE_NPM_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Root, "dist", "npm");

    /// <summary>The one version, from the project file.</summary>
    public static string Version =>
        XDocument.Load(Path.Combine(Root, "ChatFake.csproj")).Descendants("Version").Single().Value;

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChatFake.csproj"))) return dir.FullName;
        throw new InvalidOperationException($"no ChatFake.csproj above {AppContext.BaseDirectory}");
    }
}

/// <summary>Runs only where the linux-x64 tarballs of scripts/package.sh are (CI builds them first).</summary>
public sealed class LinuxX64TarballsFactAttribute : FactAttribute
{
    public LinuxX64TarballsFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
            Skip = "the npm package test runs the linux-x64 build, on linux-x64 only";
        else if (!File.Exists(Path.Combine(Repository.NpmDirectory, $"chatfake-linux-x64-{Repository.Version}.tgz")))
            Skip = $"no linux-x64 tarballs in {Repository.NpmDirectory}: run scripts/package.sh --rid linux-x64 first "
                + "(or set CHATFAKE_NPM_DIR to the folder that has them); .ci/run does";
    }
}

/// <summary><c>npm</c> and <c>npx</c> in a folder, as processes of their own.</summary>
sealed class Npx : IAsyncDisposable
{
    readonly Process process;
    readonly Output output;

    Npx(Process process, Output output, int port)
    {
        this.process = process;
        this.output = output;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public sealed record Result(int ExitCode, string Stdout, string Output);

    /// <summary>A PATH with node, npm and npx and nothing else, so no dotnet can be found.</summary>
    public static string PathWithoutDotnet(string folder)
    {
        var bin = Directory.CreateDirectory(Path.Combine(folder, ".path")).FullName;
        foreach (var tool in new[] { "node", "npm", "npx", "sh" })
        {
            var found = Environment.GetEnvironmentVariable("PATH")!.Split(':')
                .Select(dir => Path.Combine(dir, tool)).First(File.Exists);
            File.CreateSymbolicLink(Path.Combine(bin, tool), found);
        }
        return bin;
    }

    public static async Task<Result> RunAsync(string folder, string path, string tool, string[] args)
    {
        var (process, output) = Start(folder, path, tool, args, new Dictionary<string, string>());
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        using (process) return new Result(process.ExitCode, output.Stdout, output.All);
    }

    /// <summary><c>npx chatfake --port P</c> (or the launcher itself) in a process group of its
    /// own, with PORT set to another port: the flag must win.</summary>
    public static async Task<Npx> StartAsync(string folder, string path, params string[] command)
    {
        var port = FreePort();
        var (process, output) = Start(folder, path, "/usr/bin/setsid", [.. command, "--port", port.ToString(), "--delay-scale", "0"],
            new Dictionary<string, string> { ["PORT"] = FreePort().ToString() });
        var npx = new Npx(process, output, port);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await npx.Client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK) return npx;
            }
            catch (HttpRequestException) { }
            if (process.HasExited) throw new InvalidOperationException($"npx chatfake exited ({process.ExitCode}):\n{output.All}");
            if (deadline.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException($"npx chatfake did not answer /health:\n{output.All}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM to every process of the group; returns once all of them have exited.</summary>
    public async Task TerminateGroupAsync(TimeSpan within)
    {
        Assert.Equal(0, Signal(-process.Id, SIGTERM));
        var deadline = Stopwatch.StartNew();
        while (Signal(-process.Id, 0) == 0)
        {
            Assert.True(deadline.Elapsed < within, $"a process of the group was still running {within} after SIGTERM:\n{output.All}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGTERM to the process alone; its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        Assert.Equal(0, Signal(process.Id, SIGTERM));
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"npx chatfake did not exit within {within} of SIGTERM:\n{output.All}");
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    static (Process, Output) Start(string folder, string path, string tool, string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var key in new[] { "DOTNET_ROOT", "DOTNET_HOST_PATH", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS" })
            start.Environment.Remove(key);
        start.Environment["PATH"] = path;
        start.Environment["npm_config_update_notifier"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        var output = new Output();
        process.OutputDataReceived += (_, e) => output.Add(e.Data, isStdout: true);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data, isStdout: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    sealed class Output
    {
        readonly Lock gate = new();
        readonly List<string> stdout = [];
        readonly List<string> all = [];

        public void Add(string? line, bool isStdout)
        {
            if (line is null) return;
            lock (gate)
            {
                all.Add(line);
                if (isStdout) stdout.Add(line);
            }
        }

        public string Stdout { get { lock (gate) return string.Join('\n', stdout); } }
        public string All { get { lock (gate) return string.Join('\n', all); } }
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public const int SIGTERM = 15;

    /// <summary>kill(2): a negative pid signals that process group; signal 0 only asks whether any process is left.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Signal(int pid, int signal);
}
