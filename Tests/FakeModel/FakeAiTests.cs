using ChatFake.FakeModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatFake.Tests.FakeModel;

/// <summary>The fake model's timing and retry policy, driven through its TimeProvider and options.</summary>
public sealed class FakeAiTests
{
    readonly WatchedTime time = new(new FakeTimeProvider());
    readonly AttemptLog log = new();

    FakeAi Ai(double delayScale = 0, double failureRate = 0, double timeoutSeconds = 30, int maxRetries = 2) =>
        new(Options.Create(new AiOptions
        {
            DelayScale = delayScale, FailureRate = failureRate, TimeoutSeconds = timeoutSeconds, MaxRetries = maxRetries,
        }), time, log);

    [Fact]
    public async Task A_plain_call_succeeds_at_the_first_attempt()
    {
        var result = await Ai().CallAsync(Scenario.None, DelayRange.BeforeReply, CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Empty(log.Failures);
    }

    [Fact]
    public async Task Error_fails_every_attempt_and_says_how_many_there_were()
    {
        var result = await Ai(maxRetries: 2).CallAsync(Scenario.Error, DelayRange.BeforeReply, CancellationToken.None);
        Assert.Equal("AI service temporarily unavailable (gave up after 3 attempts)", result.Error);
        Assert.Equal(["1 of 3", "2 of 3", "3 of 3"], log.Failures);
    }

    [Fact]
    public async Task Flaky_fails_the_first_attempt_and_the_retry_succeeds()
    {
        var result = await Ai(maxRetries: 2).CallAsync(Scenario.Flaky, DelayRange.BeforeReply, CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(["1 of 3"], log.Failures);
    }

    [Fact]
    public async Task Flaky_without_retries_fails()
    {
        var result = await Ai(maxRetries: 0).CallAsync(Scenario.Flaky, DelayRange.BeforeReply, CancellationToken.None);
        Assert.Equal("AI service temporarily unavailable (gave up after 1 attempt)", result.Error);
    }

    [Theory]
    [InlineData(1.0, "AI service temporarily unavailable (gave up after 2 attempts)")]
    [InlineData(0.0, null)]
    public async Task The_failure_rate_applies_to_each_attempt(double rate, string? error)
    {
        foreach (var scenario in new[] { Scenario.None, Scenario.Slow })
        {
            var result = await Ai(failureRate: rate, maxRetries: 1).CallAsync(scenario, DelayRange.BeforeReply, CancellationToken.None);
            Assert.Equal(error, result.Error);
        }
    }

    [Fact]
    public async Task Flaky_ignores_the_failure_rate()
    {
        var result = await Ai(failureRate: 1, maxRetries: 1).CallAsync(Scenario.Flaky, DelayRange.BeforeReply, CancellationToken.None);
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Timeout_waits_the_full_unscaled_timeout_at_every_attempt(double delayScale)
    {
        var call = Ai(delayScale, timeoutSeconds: 30, maxRetries: 2).CallAsync(Scenario.Timeout, DelayRange.BeforeReply, CancellationToken.None);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await time.TimerStartedAsync(TimeSpan.FromSeconds(30));
            Assert.False(call.IsCompleted, $"finished before attempt {attempt + 1} timed out");
            time.Clock.Advance(TimeSpan.FromSeconds(30));
            if (attempt < 2 && delayScale > 0)
            {
                // the backoff before the next attempt: 100 ms x 2^attempt, scaled
                await time.TimerStartedAsync(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt) * delayScale));
                time.Clock.Advance(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt) * delayScale));
            }
        }

        var result = await call;
        Assert.Equal("AI request timed out after 30s (gave up after 3 attempts)", result.Error);
    }

    [Fact]
    public async Task A_latency_past_the_timeout_is_cut_off_there()
    {
        // 300..1000 ms x 1000 is far beyond a 2 s timeout
        var call = Ai(delayScale: 1000, timeoutSeconds: 2, maxRetries: 0).CallAsync(Scenario.None, DelayRange.BeforeReply, CancellationToken.None);
        await time.TimerStartedAsync(TimeSpan.FromSeconds(2));
        time.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("AI request timed out after 2s (gave up after 1 attempt)", (await call).Error);
    }

    [Fact]
    public async Task Latency_is_drawn_from_its_range_times_the_scale_and_five_times_that_when_slow()
    {
        foreach (var (scenario, factor) in new[] { (Scenario.None, 2.0), (Scenario.Slow, 10.0) })
        {
            var call = Ai(delayScale: 2).CallAsync(scenario, DelayRange.BeforeStream, CancellationToken.None);
            var due = await NextTimerAsync();
            Assert.InRange(due.TotalMilliseconds, 100 * factor, 300 * factor);
            time.Clock.Advance(due);
            Assert.True((await call).Succeeded);
        }
    }

    [Fact]
    public async Task A_streamed_reply_comes_out_chunk_by_chunk_with_a_pause_before_each_chunk()
    {
        var reply = new Reply("[gpt-4] ", "ab👨‍💻");
        var chunks = Ai(delayScale: 1).StreamAsync(reply, Scenario.None, DelayRange.BetweenChunks, CancellationToken.None)
            .GetAsyncEnumerator();

        // The first chunk too: it must not leave right behind the event before it.
        foreach (var expected in new[] { "[gpt-4] a", "b", "👨‍💻" })
        {
            var next = chunks.MoveNextAsync().AsTask();
            var pause = await NextTimerAsync();
            Assert.InRange(pause.TotalMilliseconds, 10, 50);
            Assert.False(next.IsCompleted);
            time.Clock.Advance(pause);
            Assert.True(await next);
            Assert.Equal(expected, chunks.Current);
        }
        Assert.False(await chunks.MoveNextAsync());
    }

    [Fact]
    public async Task Cancelling_stops_a_waiting_call_at_once()
    {
        using var cancel = new CancellationTokenSource();
        var call = Ai().CallAsync(Scenario.Timeout, DelayRange.BeforeReply, cancel.Token);
        await time.TimerStartedAsync(TimeSpan.FromSeconds(30));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Cancelling_stops_a_stream_even_without_delays()
    {
        using var cancel = new CancellationTokenSource();
        var chunks = Ai(delayScale: 0).StreamAsync(new Reply("", "abc"), Scenario.None, DelayRange.BetweenChunks, cancel.Token)
            .GetAsyncEnumerator(cancel.Token);
        Assert.True(await chunks.MoveNextAsync());

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await chunks.MoveNextAsync());
    }

    Task<TimeSpan> NextTimerAsync() => time.NextTimerAsync();

    /// <summary>Collects the fake AI's "attempt n of m failed" log lines.</summary>
    sealed class AttemptLog : ILogger<FakeAi>
    {
        public List<string> Failures { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "Attempt").Value is int attempt
                && values.FirstOrDefault(v => v.Key == "Attempts").Value is int attempts)
                Failures.Add($"{attempt} of {attempts}");
        }
    }
}
