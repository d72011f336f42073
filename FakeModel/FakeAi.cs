using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace ChatFake.FakeModel;

/// <summary>A simulated wait in milliseconds, drawn anew each time (the timings of docs/API.md, "Messages and the fake model").</summary>
public readonly record struct DelayRange(int MinMs, int MaxMs)
{
    public static readonly DelayRange BeforeReply = new(300, 1000);
    public static readonly DelayRange BeforeBotReply = new(200, 600);
    public static readonly DelayRange BeforeStream = new(100, 300);
    public static readonly DelayRange BetweenChunks = new(10, 50);
    public static readonly DelayRange BetweenGroupChunks = new(10, 40);

    public double DrawMs() => MinMs + Random.Shared.NextDouble() * (MaxMs - MinMs);
}

/// <summary>How one who answers behaves in time: the wait before a reply that is sent whole, the
/// wait before a streamed reply, and the pause between the events of a streamed reply.</summary>
public sealed record Pacing(DelayRange BeforeReply, DelayRange BeforeStream, DelayRange BetweenChunks)
{
    /// <summary>A model in a personal conversation (and on the protocol routes).</summary>
    public static readonly Pacing Model = new(DelayRange.BeforeReply, DelayRange.BeforeStream, DelayRange.BetweenChunks);

    /// <summary>A bot in a group.</summary>
    public static readonly Pacing Bot = new(DelayRange.BeforeBotReply, DelayRange.BeforeStream, DelayRange.BetweenGroupChunks);
}

/// <summary>The outcome of a call: success, or the error that every attempt ended with.</summary>
public readonly record struct AiCallResult(string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// The fake model's behaviour in time: latency, failures, timeouts and retries of a call, and
/// the pace of a streamed reply. What it says is <see cref="ReplyComposer"/>'s job.
/// </summary>
/// <remarks>
/// A concrete class on purpose: tests steer it through the injected TimeProvider and
/// AiOptions alone. Every wait is a timer of that TimeProvider (no thread is held, so thousands
/// of requests can wait at once) and ends early with an OperationCanceledException when
/// the caller's token fires.
/// </remarks>
public sealed class FakeAi(IOptions<AiOptions> options, TimeProvider time, ILogger<FakeAi> log)
{
    const string Unavailable = "AI service temporarily unavailable";

    readonly AiOptions settings = options.Value;
    readonly ConcurrentDictionary<string, bool> refusedLast = new(StringComparer.Ordinal);

    /// <summary>
    /// The rate_limit scenarios, decided before anything is stored: how long the caller is told
    /// to wait (one second x AI_DELAY_SCALE, rounded up), or null when the request goes ahead.
    /// <c>rate_limit</c> refuses every request; <c>rate_limit_once</c> refuses and lets through
    /// in turn, counted per caller: a client that retries its refused request gets through.
    /// </summary>
    public TimeSpan? RateLimited(Scenario scenario, string callerId)
    {
        var retryAfter = TimeSpan.FromSeconds(Math.Ceiling(settings.DelayScale));
        switch (scenario)
        {
            case Scenario.RateLimit:
                return retryAfter;
            case Scenario.RateLimitOnce when refusedLast.TryRemove(callerId, out _):
                return null;
            case Scenario.RateLimitOnce:
                refusedLast[callerId] = true;
                return retryAfter;
            default:
                return null;
        }
    }

    /// <summary>
    /// One call of the model: up to 1 + AI_MAX_RETRIES attempts, each first waiting its
    /// latency (or the timeout), with a backoff of 100 ms x 2^i between attempts.
    /// </summary>
    public async Task<AiCallResult> CallAsync(Scenario scenario, DelayRange latency, CancellationToken ct)
    {
        var attempts = 1 + settings.MaxRetries;
        string? error = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(Scaled(100 * Math.Pow(2, attempt - 1), scenario), time, ct);
            error = await AttemptAsync(attempt, scenario, latency, ct);
            if (error is null) return new(null);
            log.LogInformation("Fake AI attempt {Attempt} of {Attempts} failed: {Error}", attempt + 1, attempts, error);
        }
        return new($"{error} (gave up after {attempts} {(attempts == 1 ? "attempt" : "attempts")})");
    }

    /// <summary>
    /// The chunks of <paramref name="reply"/> as they are generated, each after a pause drawn
    /// from <paramref name="pace"/>: the first too, so that it never leaves right behind the
    /// event before it (a reader that handles one event per read would lose it).
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(Reply reply, Scenario scenario, DelayRange pace,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var chunk in reply.Chunks())
        {
            await PauseAsync(pace, scenario, ct);
            yield return chunk;
        }
    }

    /// <summary>One pause drawn from <paramref name="pace"/>, as between two chunks.</summary>
    public Task PauseAsync(DelayRange pace, Scenario scenario, CancellationToken ct) =>
        Task.Delay(Scaled(pace.DrawMs(), scenario), time, ct);

    /// <returns>null when the attempt succeeded, else why it failed.</returns>
    async Task<string?> AttemptAsync(int attempt, Scenario scenario, DelayRange latency, CancellationToken ct)
    {
        var timeout = settings.Timeout;
        var wait = Scaled(latency.DrawMs(), scenario);
        // The timeout scenario waits the full, unscaled timeout (docs/API.md, "Scenarios"); so
        // does a latency that a large AI_DELAY_SCALE pushed past the timeout.
        if (scenario == Scenario.Timeout || wait >= timeout)
        {
            await Task.Delay(timeout, time, ct);
            return $"AI request timed out after {settings.TimeoutSeconds:0.###}s";
        }
        await Task.Delay(wait, time, ct);
        var fails = scenario switch
        {
            Scenario.Error => true,
            Scenario.Flaky => attempt == 0,
            _ => Random.Shared.NextDouble() < settings.FailureRate,
        };
        return fails ? Unavailable : null;
    }

    TimeSpan Scaled(double ms, Scenario scenario) =>
        TimeSpan.FromMilliseconds(ms * settings.DelayScale * (scenario == Scenario.Slow ? 5 : 1));
}
