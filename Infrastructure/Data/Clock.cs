namespace ChatFake.Infrastructure.Data;

/// <summary>
/// Hands out strictly increasing UTC timestamps from the injected TimeProvider, so that
/// two writes in the same instant still sort in the order they happened (list ordering and
/// message positions rely on it, and tests run on a frozen fake clock).
/// </summary>
public sealed class Clock(TimeProvider time)
{
    long lastTicks;

    public DateTime Now()
    {
        while (true)
        {
            var previous = Interlocked.Read(ref lastTicks);
            var next = Math.Max(time.GetUtcNow().UtcTicks, previous + 1);
            if (Interlocked.CompareExchange(ref lastTicks, next, previous) == previous)
                return new DateTime(next, DateTimeKind.Utc);
        }
    }
}
