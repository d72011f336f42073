using System.Collections.Concurrent;
using System.Text;

namespace ChatFake.Infrastructure.Http;

/// <summary>
/// The console log outside Development: one line per entry ("info: Category[id] message").
/// The framework's console logger hands every entry to its writer thread through a queue
/// under a lock; at thousands of requests a second the request threads queue up on that lock
/// (a fifth of the CPU of <c>GET /api/models</c> in a profile). Here a request only formats its
/// line and enqueues it, lock-free; a background loop writes what has gathered every few
/// milliseconds in one flush. Warnings and errors are written at once, so that nothing that
/// explains a crash is left in the queue.
/// </summary>
public sealed class ConsoleLines : ILoggerProvider
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    readonly ConcurrentQueue<string> pending = new();
    readonly StreamWriter stdout = new(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
    readonly Lock writing = new();
    readonly CancellationTokenSource stopping = new();
    readonly Task loop;

    public ConsoleLines()
    {
        loop = Task.Run(WriteEveryIntervalAsync);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Drain();
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    void Add(LogLevel level, string line)
    {
        pending.Enqueue(line);
        if (level >= LogLevel.Warning) Drain();
    }

    async Task WriteEveryIntervalAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
                if (!pending.IsEmpty) Drain();
        }
        catch (OperationCanceledException)
        {
        }
    }

    void Drain()
    {
        lock (writing)
        {
            while (pending.TryDequeue(out var line)) stdout.Write(line);
            stdout.Flush();
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        loop.Wait(TimeSpan.FromSeconds(1));
        Drain();
    }

    sealed class Logger(ConsoleLines lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // The factory has applied the configured levels before it calls a provider's logger.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var text = formatter(state, exception);
            lines.Add(logLevel, exception is null
                ? $"{Level(logLevel)}: {category}[{eventId.Id}] {text}\n"
                : $"{Level(logLevel)}: {category}[{eventId.Id}] {text}\n{exception}\n");
        }

        static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
