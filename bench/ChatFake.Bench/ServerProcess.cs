namespace ChatFake.Bench;

/// <summary>Threads, memory and CPU time of the server while a scenario ran (from /proc).</summary>
public sealed record ServerUsage(int ThreadsBefore, int ThreadsMax, double RssBeforeMb, double RssMaxMb, double CpuSeconds);

/// <summary>The server's process as Linux reports it in /proc/PID/status and /proc/PID/stat.</summary>
public sealed class ServerProcess(int pid)
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    // utime and stime are in clock ticks; USER_HZ is 100 on every Linux the SDK runs on.
    const double TicksPerSecond = 100;

    readonly record struct Snapshot(int Threads, double RssMb, double CpuSeconds);

    /// <summary>Samples every 200 ms until <paramref name="stop"/> fires; returns what it saw.</summary>
    public async Task<ServerUsage> SampleAsync(CancellationToken stop)
    {
        var before = Read();
        int threadsMax = before.Threads;
        double rssMax = before.RssMb;
        var last = before;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                last = Read();
                threadsMax = Math.Max(threadsMax, last.Threads);
                rssMax = Math.Max(rssMax, last.RssMb);
            }
        }
        catch (OperationCanceledException)
        {
        }
        last = Read();
        return new(before.Threads, Math.Max(threadsMax, last.Threads), before.RssMb, Math.Max(rssMax, last.RssMb),
            last.CpuSeconds - before.CpuSeconds);
    }

    Snapshot Read()
    {
        int threads = 0;
        double rssMb = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("Threads:", StringComparison.Ordinal))
                threads = int.Parse(line[8..].Trim());
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rssMb = long.Parse(line[6..].Replace("kB", "").Trim()) / 1024.0;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count from after it.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpuTicks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15)
        return new(threads, rssMb, cpuTicks / TicksPerSecond);
    }

    /// <summary>Null when no pid was given: the scenario then runs without sampling.</summary>
    public static async Task<(T Result, ServerUsage? Usage)> WhileRunningAsync<T>(ServerProcess? server, Func<Task<T>> run)
    {
        if (server is null) return (await run(), null);
        using var stop = new CancellationTokenSource();
        var sampling = server.SampleAsync(stop.Token);
        T result;
        try
        {
            result = await run();
        }
        finally
        {
            stop.Cancel();
        }
        return (result, await sampling);
    }
}
