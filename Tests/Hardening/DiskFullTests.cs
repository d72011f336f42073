using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// The real process with its database on a 3 MB tmpfs, filled as a user would: conversations
/// and 4,000-character messages until the disk is full, with a stream held open. The first
/// refused write and every later request answer 503 with the reason, at once; /health says
/// it; one error line is logged; SIGTERM ends the process within 10 s; after space is freed a
/// restart on the same file has every acknowledged write and nothing half-written.
/// </summary>
public sealed partial class DiskFullTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "diskfull-" + Guid.NewGuid().ToString("N"));
    readonly bool mounted;

    public DiskFullTests()
    {
        Directory.CreateDirectory(directory);
        mounted = Run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", directory) == 0;
    }

    string DatabasePath => Path.Combine(directory, "chatfake.db");

    public void Dispose()
    {
        if (mounted && Run("umount", directory) != 0) Run("umount", "-l", directory);
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [TmpfsFact]
    public async Task A_full_disk_answers_503_at_once_logs_once_stops_within_10_s_and_a_restart_with_space_keeps_every_acknowledged_write()
    {
        Assert.True(mounted, "mount -t tmpfs failed");
        var settings = new Dictionary<string, string?> { ["AI_TIMEOUT_SECONDS"] = "120" };
        Acknowledged writes;
        await using (var app = await AppProcess.StartHealthyAsync(DatabasePath, settings))
        {
            writes = await Acknowledged.RegisterAsync(Client(app));
            Assert.Null(await writes.CreateConversationAsync());
            using var holding = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            using var held = await writes.HoldStreamAsync(holding, writes.Conversations.First());

            Refusal? refused = null;
            for (var sent = 1; refused is null; sent++)
            {
                Assert.True(sent < 2000, "3 MB should be full long before 2000 messages");
                refused = sent % 10 == 0 ? await writes.CreateConversationAsync() : await writes.SendAsync(writes.Conversations.Last());
            }
            refused.AssertDiskFailure();

            foreach (var later in Enum.GetValues<DiskOperation>())
                (await writes.RunAsync(later))!.AssertDiskFailure();
            var health = await (await Client(app).GetAsync("/health")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(DatabaseUnavailableException.Reason, (string?)health["error"]);

            using var terminating = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var exitCode = await app.TerminateAsync().WaitAsync(terminating.Token);
            Assert.True(exitCode == 0, $"exit code {exitCode}:\n{app.Output}");

            var stopped = StoppedLine().Matches(app.Output);
            Assert.True(stopped.Count == 1, $"one error line with the cause, not {stopped.Count}:\n{app.Output}");
            Assert.Contains("No space left on device", stopped[0].Value);
            Assert.False(app.Output.Contains("   at "), $"no stack trace:\n{app.Output}");
        }

        Assert.Equal(0, Run("mount", "-o", "remount,size=64m", directory));
        await using (var restarted = await AppProcess.StartHealthyAsync(DatabasePath, settings))
        {
            var client = Client(restarted);
            await writes.AssertStoredAsync(client);
            Assert.Null(await new Acknowledged(client).CreateConversationAsync());
            Assert.Equal(0, await restarted.TerminateAsync());
        }
        using var db = new ChatDb(Options.Create(new DatabaseOptions { Path = DatabasePath }));
        Acknowledged.AssertNoOrphans(db);
    }

    [UnixFact]
    public async Task Sigterm_ends_the_process_within_10_s_while_a_stream_is_held_open()
    {
        await using var app = await AppProcess.StartHealthyAsync(DatabasePath, new Dictionary<string, string?> { ["AI_TIMEOUT_SECONDS"] = "120" });
        var writes = await Acknowledged.RegisterAsync(Client(app));
        Assert.Null(await writes.CreateConversationAsync());
        using var holding = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var held = await writes.HoldStreamAsync(holding, writes.Conversations.First());

        using var terminating = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await app.TerminateAsync().WaitAsync(terminating.Token));
    }

    [Fact]
    public async Task A_file_LiteDB_cannot_open_stops_the_start_saying_what_to_do_and_is_left_as_it_was()
    {
        var damaged = new byte[8192 * 2];
        new Random(15).NextBytes(damaged);
        await File.WriteAllBytesAsync(DatabasePath, damaged);

        await using var app = AppProcess.Start(DatabasePath);

        Assert.NotEqual(0, await app.WaitForExitAsync());
        Assert.Contains($"Database {DatabasePath} cannot be opened", app.Output);
        Assert.Contains("are left as they were", app.Output);
        Assert.Contains("free space (or fix the disk) and start ChatFake again", app.Output);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(DatabasePath));
    }

    // A request the store held would outlast this; none should come near it.
    static HttpClient Client(AppProcess app) => new() { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    [GeneratedRegex("Database stopped writing at its first I/O failure[^\n]*")]
    private static partial Regex StoppedLine();

    internal static int Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

/// <summary>A test that mounts a small tmpfs (root, as in CI); skipped where mount is not permitted.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux to mount a tmpfs";
            return;
        }
        var probe = Path.Combine(Path.GetTempPath(), "chatfake-tests", "tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        if (DiskFullTests.Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe) == 0)
            DiskFullTests.Run("umount", probe);
        else
            Skip = "mount -t tmpfs is not permitted here (needs root, as in CI): the disk-full test needs a small disk of its own";
        Directory.Delete(probe);
    }
}
