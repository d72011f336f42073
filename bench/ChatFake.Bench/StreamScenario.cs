using System.Diagnostics;
using ChatFake.Client;

namespace ChatFake.Bench;

/// <summary>A kind of stream: where its threads live and how many replies one message gets.</summary>
public sealed record StreamKind(string Name, string ThreadRoute, int Replies)
{
    public static readonly string[] AllBots = ["bot-cs", "bot-funny", "bot-tech"];

    public static readonly StreamKind Personal = new("streams", "conversations", 1);
    public static readonly StreamKind Group = new("groups", "group-conversations", AllBots.Length);
}

/// <summary>
/// Opens K streams at once (the server should run at AI_DELAY_SCALE=1, so each reply takes a
/// few seconds) and holds them all open to their end, checking every one; then checks that the
/// server stored each exchange exactly as it was streamed.
/// </summary>
public sealed class StreamScenario(Setup setup, ServerProcess? server, StreamKind kind, int streamsPerUser, TimeSpan streamTimeout)
{
    /// <summary>A chunk gap up to this is on time (the pace asked for is 30 ms on average, 10..50 ms each).</summary>
    public const double OnTimeGapMs = 60;

    int open;
    int peakOpen;
    // The same K can run again (memory rounds): each round registers users of its own.
    int round;

    public async Task<StreamRun> RunAsync(int streams, CancellationToken ct)
    {
        var users = await setup.RegisterUsersAsync($"{kind.Name[0]}{streams}r{round++}", (streams + streamsPerUser - 1) / streamsPerUser, ct);
        var threads = await setup.CreateThreadsAsync(users, streams, streamsPerUser, CreateThreadAsync, ct);
        var contents = Enumerable.Range(0, streams).Select(i => $"benchmark stream {i}: tell me something").ToArray();

        var errors = new ErrorLog();
        var load = Machine.LoadAverage();
        var overflows = Machine.ListenOverflows();
        (open, peakOpen) = (0, 0);
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var (outcomes, usage) = await ServerProcess.WhileRunningAsync(server, () =>
            Task.WhenAll(threads.Select((id, i) => StreamAsync(users[i / streamsPerUser], id, contents[i], ct))));
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        overflows = Machine.ListenOverflows() - overflows;
        benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpu;
        foreach (var failed in outcomes.Where(o => !o.Ok))
            errors.Add(failed.Error!);

        var storedOk = await CountStoredAsync(users, threads, contents, outcomes, errors, ct);
        var completed = outcomes.Where(o => o.Ok).ToArray();
        return new StreamRun(kind.Name, streams, users.Length, completed.Length, errors.Count, storedOk, peakOpen, overflows,
            Latency.Of(completed.Select(o => o.TimeToHeadersMs)),
            Latency.Of(completed.Select(o => o.TimeToFirstChunkMs)),
            Latency.Of(completed.Select(o => o.DurationMs)),
            Latency.Of(completed.Where(o => o.Chunks > 1).Select(o => (o.DurationMs - o.TimeToFirstChunkMs) / (o.Chunks - 1))).P50Ms,
            completed.Length == 0 ? 0 : completed.Average(o => o.Chunks),
            Latency.Of(completed.SelectMany(o => o.ChunkGapsMs)),
            completed.Sum(o => o.ChunkGapsMs.Count(g => g <= OnTimeGapMs)) / wall,
            wall, load, usage, benchCpu.TotalSeconds, errors.Samples());
    }

    Task<string> CreateThreadAsync(BenchUser user, int i, CancellationToken ct) =>
        kind == StreamKind.Group
            ? Setup.CreateGroupAsync(user, $"bench group {i}", StreamKind.AllBots, ct)
            : Setup.CreateConversationAsync(user, $"bench stream {i}", ct);

    async Task<StreamOutcome> StreamAsync(BenchUser user, string threadId, string content, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(streamTimeout);
        try
        {
            using var response = await Connections.OpenStreamAsync(user, $"{kind.ThreadRoute}/{threadId}", content, deadline.Token);
            var timeToHeaders = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var nowOpen = Interlocked.Increment(ref open);
            InterlockedMax(ref peakOpen, nowOpen);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                return await StreamTranscript.ReadAsync(body, kind.Replies, started, timeToHeaders, deadline.Token);
            }
            finally
            {
                Interlocked.Decrement(ref open);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed($"not finished after {streamTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is UnexpectedResponse or HttpRequestException or IOException)
        {
            return Failed(e.Message);
        }

        StreamOutcome Failed(string error) =>
            new(error, double.NaN, double.NaN, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, [], []);
    }

    static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    /// <summary>Each finished stream's thread must hold the user message and then exactly the replies streamed.</summary>
    async Task<int> CountStoredAsync(BenchUser[] users, string[] threads, string[] contents, StreamOutcome[] outcomes,
        ErrorLog errors, CancellationToken ct)
    {
        var ok = 0;
        await Setup.ForEachAsync(threads.Length, async (i, token) =>
        {
            if (!outcomes[i].Ok) return;
            try
            {
                var stored = await Setup.ListMessagesAsync(users[i / streamsPerUser], kind, threads[i], token);
                if (stored.SequenceEqual(outcomes[i].Replies.Prepend(contents[i])))
                    Interlocked.Increment(ref ok);
                else
                    errors.Add($"{kind.ThreadRoute}/{threads[i]} stored {stored.Length} messages, not the user's and the {outcomes[i].Replies.Length} streamed");
            }
            catch (Exception e) when (e is ChatFakeApiException or HttpRequestException or OperationCanceledException)
            {
                errors.Add($"reading back {threads[i]}: {e.Message}");
            }
        }, ct);
        return ok;
    }
}
