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
    /// The chunks of <paramref name="reply"/> as they are generated: the first at once, each
    /// later one after a pause drawn from <paramref name="pace"/>.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(Reply reply, Scenario scenario, DelayRange pace,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var first = true;
        foreach (var chunk in reply.Chunks())
        {
            if (!first) await Task.Delay(Scaled(pace.DrawMs(), scenario), time, ct);
            first = false;
            yield return chunk;
        }
    }

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
