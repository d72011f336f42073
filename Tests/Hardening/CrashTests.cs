using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// The durability promise (README, "What ChatFake promises"; ChatDb's remarks): a write the
/// API acknowledged survives kill -9 and a graceful stop, and a restart on the same file
/// serves it. The app runs as a real process on a real port; several clients write at once
/// and the process dies under them.
/// </summary>
public sealed class CrashTests : IDisposable
{
    const int Writers = 4;

    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "crash-" + Guid.NewGuid().ToString("N"));

    public CrashTests() => Directory.CreateDirectory(directory);

    string DatabasePath => Path.Combine(directory, "chatfake.db");

    string JournalPath => Path.Combine(directory, "chatfake-log.db");

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_kill_9_in_the_middle_of_writing()
    {
        IReadOnlyList<Account> acknowledged;
        await using (var app = await AppProcess.StartHealthyAsync(DatabasePath))
        {
            acknowledged = await WriteConcurrentlyAsync(app, stopAfter: 40, stopAsync: () =>
            {
                app.Kill();
                return Task.CompletedTask;
            });
        }

        // The journal still holds the writes (no checkpoint ran), so the restart below has to
        // recover them from it: this is the crash path, not a clean close.
        Assert.True(new FileInfo(JournalPath).Length > 0, "kill -9 should leave the committed writes in the journal");

        await using var restarted = await AppProcess.StartHealthyAsync(DatabasePath);
        await AssertEveryoneCanLogInAsync(restarted, acknowledged);
    }

    [UnixFact]
    public async Task Sigterm_finishes_the_writes_in_flight_checkpoints_the_journal_and_loses_nothing()
    {
        IReadOnlyList<Account> acknowledged;
        await using (var app = await AppProcess.StartHealthyAsync(DatabasePath))
        {
            var exitCode = -1;
            acknowledged = await WriteConcurrentlyAsync(app, stopAfter: 20, stopAsync: async () => exitCode = await app.TerminateAsync());
            Assert.True(exitCode == 0, $"exit code {exitCode}:\n{app.Output}");
        }

        // ChatDb.Dispose ran: the journal was copied into the data file and LiteDB deleted it.
        Assert.True(!File.Exists(JournalPath) || new FileInfo(JournalPath).Length == 0, "the journal should be checkpointed on SIGTERM");

        await using var restarted = await AppProcess.StartHealthyAsync(DatabasePath);
        await AssertEveryoneCanLogInAsync(restarted, acknowledged);
    }

    [Fact]
    public async Task A_second_process_on_the_same_database_file_refuses_to_start_and_the_first_keeps_serving()
    {
        await using var first = await AppProcess.StartHealthyAsync(DatabasePath);
        var (status, account) = await RegisterAsync(first.Client, "first" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(HttpStatusCode.Created, status);

        await using var second = AppProcess.Start(DatabasePath);
        Assert.NotEqual(0, await second.WaitForExitAsync());
        Assert.Contains("in use by another ChatFake process", second.Output);

        await first.WaitUntilHealthyAsync();
        await AssertEveryoneCanLogInAsync(first, [account!]);
    }

    sealed record Account(string Id, string Email, string Password);

    /// <summary>
    /// <see cref="Writers"/> clients register users as fast as they can; once
    /// <paramref name="stopAfter"/> were acknowledged, <paramref name="stopAsync"/> ends the
    /// process while the clients keep writing. Returns every write acknowledged with 201.
    /// </summary>
    static async Task<IReadOnlyList<Account>> WriteConcurrentlyAsync(AppProcess app, int stopAfter, Func<Task> stopAsync)
    {
        var acknowledged = new ConcurrentQueue<Account>();
        var unexpected = new ConcurrentQueue<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = false;

        async Task WriteAsync(int writer)
        {
            for (var i = 0; !Volatile.Read(ref stopped); i++)
            {
                try
                {
                    var (status, account) = await RegisterAsync(app.Client, $"w{writer}n{i}x{Guid.NewGuid().ToString("N")[..6]}");
                    if (account is not null)
                    {
                        acknowledged.Enqueue(account);
                        if (acknowledged.Count >= stopAfter) enough.TrySetResult();
                    }
                    else if (!Volatile.Read(ref stopped))
                    {
                        unexpected.Enqueue($"register answered {(int)status}");
                        enough.TrySetResult();
                        return;
                    }
                }
                catch (HttpRequestException) when (Volatile.Read(ref stopped))
                {
                    return; // the process is gone: this write was never acknowledged
                }
                catch (Exception e) when (!Volatile.Read(ref stopped))
                {
                    unexpected.Enqueue(e.Message);
                    enough.TrySetResult();
                    return;
                }
            }
        }

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))).ToArray();
        await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(unexpected);
        Volatile.Write(ref stopped, true);
        await stopAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(unexpected);
        Assert.True(acknowledged.Count >= stopAfter);
        return acknowledged.ToList();
    }

    /// <summary>Registers a user; the account only when the write was acknowledged (201).</summary>
    static async Task<(HttpStatusCode Status, Account? Account)> RegisterAsync(HttpClient client, string username)
    {
        var password = "pw-" + username;
        using var response = await client.PostAsJsonAsync("/api/auth/register",
            new { username, email = $"{username}@example.com", password });
        if (response.StatusCode != HttpStatusCode.Created) return (response.StatusCode, null);
        var data = await response.AssertDataAsync(HttpStatusCode.Created);
        return (response.StatusCode, new Account((string)data["user"]!["id"]!, $"{username}@example.com", password));
    }

    static async Task AssertEveryoneCanLogInAsync(AppProcess app, IReadOnlyList<Account> accounts)
    {
        var missing = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (account, ct) =>
        {
            using var response = await app.Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password }, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK || !text.Contains(account.Id))
                missing.Enqueue($"{account.Email}: {(int)response.StatusCode} {text}");
        });
        Assert.True(missing.IsEmpty, $"{missing.Count} of {accounts.Count} acknowledged writes lost:\n{string.Join('\n', missing)}");
    }
}
