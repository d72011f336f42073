namespace ChatFake.Bench;

/// <summary>Everything one run of the tool measured against one server (also its JSON file).</summary>
public sealed record BenchReport(string Label, string Url, DateTimeOffset StartedAt, string Machine, List<RestRun> Rest, List<StreamRun> Streams);

public sealed record Latency(double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>Nearest-rank percentiles; NaN for no samples.</summary>
    public static Latency Of(IEnumerable<double> samples)
    {
        var sorted = samples.Where(double.IsFinite).Order().ToArray();
        return new(Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    static double Rank(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record RouteStats(string Route, int Requests, double PerSecond, Latency Latency);

/// <summary>The rest scenario at one client count, over its measured seconds; Load is the machine's 1-minute load average at its start.</summary>
public sealed record RestRun(
    int Clients, double Seconds, int Requests, int Errors, double PerSecond, RouteStats[] Routes,
    double Load, ServerUsage? Server, double BenchCpuSeconds, string[] ErrorSamples);

/// <summary>
/// K streams held open at once. TimeToHeaders is how long the server took to accept the
/// request and start the response; TimeToFirstChunk adds the simulated wait before the reply
/// (100..300 ms per docs/API.md's timings) and any queueing. PeakOpen is the most streams that were
/// open at the same moment (headers in, end not yet); ListenOverflows counts the connection
/// attempts the kernel dropped meanwhile because the server's accept queue was full (each
/// costs the client a SYN retry, 1 s or more). MsPerChunk is (duration - time to first chunk) / (chunks - 1)
/// per stream: the pace the client saw, against 30 ms (personal) or 25 ms (group) asked for.
/// ChunkGap is the distribution of every gap between two chunks of a reply; OnTimeChunksPerSecond
/// counts the chunks that came within StreamScenario.OnTimeGapMs of the previous one, per wall second.
/// </summary>
public sealed record StreamRun(
    string Kind, int Streams, int Users, int Completed, int Errors, int StoredOk, int PeakOpen, long ListenOverflows,
    Latency TimeToHeaders, Latency TimeToFirstChunk, Latency Duration, double MsPerChunkP50, double ChunksPerStream,
    Latency ChunkGap, double OnTimeChunksPerSecond, double WallSeconds,
    double Load, ServerUsage? Server, double BenchCpuSeconds, string[] ErrorSamples);

/// <summary>Counts errors of concurrent workers and keeps the first few messages to show.</summary>
public sealed class ErrorLog
{
    const int Kept = 5;
    readonly List<string> samples = [];
    int count;

    public int Count => count;

    public void Add(string message)
    {
        Interlocked.Increment(ref count);
        lock (samples)
            if (samples.Count < Kept) samples.Add(message);
    }

    public string[] Samples()
    {
        lock (samples) return samples.ToArray();
    }
}
