using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatFake.Tests;

/// <summary>
/// The app's FakeTimeProvider, seen through a window that reports every timer the app starts.
/// A test waits until the app is really waiting (its timer exists) before it advances the
/// clock; advancing earlier would start the app's wait after the jump and leave it hanging.
/// </summary>
public sealed class WatchedTime(FakeTimeProvider clock) : TimeProvider
{
    readonly Channel<TimeSpan> started = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Clock => clock;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();
    public override long GetTimestamp() => clock.GetTimestamp();
    public override long TimestampFrequency => clock.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = clock.CreateTimer(callback, state, dueTime, period);
        started.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer the app starts.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        // The bound only turns a broken app into a failure instead of a hung test run.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await started.Reader.ReadAsync(bound.Token);
    }

    /// <summary>Waits until the app starts a timer of <paramref name="dueTime"/>, skipping others.</summary>
    public async Task TimerStartedAsync(TimeSpan dueTime)
    {
        while (await NextTimerAsync() != dueTime) { }
    }
}

/// <summary>The fixture app (test defaults: AI_TIMEOUT_SECONDS 30, AI_MAX_RETRIES 2, no delays,
/// unless <paramref name="settings"/> say otherwise) with its clock watched. Owned and disposed
/// by the test that makes it.</summary>
public sealed class WatchedApp : App
{
    public WatchedApp(IDictionary<string, string?>? settings = null) : base(settings ?? new Dictionary<string, string?>()) =>
        Timers = new WatchedTime(Time);

    public WatchedTime Timers { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Timers));
    }
}
