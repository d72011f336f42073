using ChatFake.Infrastructure.Protection;
using Microsoft.Extensions.Options;

namespace ChatFake.Infrastructure.Streaming;

/// <summary>
/// MAX_STREAMS_PER_USER: how many streams one user may have open at once, personal and group
/// together (0 = no cap). A stream endpoint takes a slot after its checks and before it stores
/// anything, and holds it, with <c>using</c>, until its response is over; beyond the cap it
/// answers 429 instead. Each open stream holds a connection and a producer for as long as the
/// reply takes, so the cap keeps one user from tying up the server.
/// </summary>
public sealed class StreamSlots(IOptions<LimitOptions> options)
{
    readonly int max = options.Value.MaxStreamsPerUser;
    readonly Dictionary<string, int> open = new(StringComparer.Ordinal);
    readonly Lock gate = new();

    /// <summary>The 429 message.</summary>
    public string TooMany => $"Too many open streams: at most {max} per user; wait for one to end";

    /// <summary>A slot for one stream of <paramref name="userId"/>, released when disposed;
    /// null when the user already has the maximum open.</summary>
    public IDisposable? TryOpen(string userId)
    {
        lock (gate)
        {
            var count = open.GetValueOrDefault(userId);
            if (max > 0 && count >= max) return null;
            open[userId] = count + 1;
        }
        return new Slot(this, userId);
    }

    void Release(string userId)
    {
        lock (gate)
        {
            // Users without an open stream take no memory.
            if (open[userId] == 1) open.Remove(userId);
            else open[userId]--;
        }
    }

    sealed class Slot(StreamSlots slots, string userId) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) slots.Release(userId);
        }
    }
}
