using System.Globalization;
using System.Threading.RateLimiting;
using ChatFake.Infrastructure.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatFake.Infrastructure.Protection;

/// <summary>
/// RATE_LIMIT_AUTH_PER_MINUTE attempts per client IP and minute, one budget shared by every
/// endpoint that opts in with <c>RequireRateLimiting(AuthRateLimit.Policy)</c> (register and
/// login), against password guessing and mass sign-up. Beyond it: 429 envelope + Retry-After.
/// </summary>
public sealed class AuthRateLimit(IOptions<LimitOptions> options, TimeProvider time) : IRateLimiterPolicy<string>
{
    public const string Policy = "auth";

    static readonly TimeSpan window = TimeSpan.FromMinutes(1);

    public RateLimitPartition<string> GetPartition(HttpContext ctx)
    {
        var permits = options.Value.AuthAttemptsPerMinute;
        if (permits == 0)
            return RateLimitPartition.GetNoLimiter("off");
        // Behind a reverse proxy every client shares the proxy's address (forwarded headers
        // are not trusted: any client could send them).
        var client = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.Get(client, _ => new FixedWindowLimiter(time, permits, window));
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, ct) =>
    {
        var response = rejected.HttpContext.Response;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await rejected.HttpContext.SendErrorAsync(StatusCodes.Status429TooManyRequests,
            "Too many sign-up or login attempts; retry after the time in the Retry-After header", ct);
    };

    /// <summary>
    /// <paramref name="permits"/> attempts in a window that opens with the first attempt and
    /// lasts <paramref name="length"/>, timed by the app's TimeProvider: the limiters of
    /// System.Threading.RateLimiting read Stopwatch, which a test cannot move, and their
    /// RetryAfter is the whole window rather than what is left of it.
    /// </summary>
    sealed class FixedWindowLimiter(TimeProvider time, int permits, TimeSpan length) : RateLimiter
    {
        readonly Lock gate = new();
        // Starts "ended now": a fresh limiter is not idle, so it is not evicted before its first use.
        DateTimeOffset windowEnd = time.GetUtcNow();
        int used;

        // Once its window is over the limiter holds nothing worth keeping: the partitioned
        // limiter may drop it (after 10 idle seconds), which bounds memory per client address.
        public override TimeSpan? IdleDuration
        {
            get
            {
                lock (gate)
                {
                    var now = time.GetUtcNow();
                    return now >= windowEnd ? now - windowEnd : null;
                }
            }
        }

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            lock (gate)
            {
                var now = time.GetUtcNow();
                if (now >= windowEnd)
                {
                    windowEnd = now + length;
                    used = 0;
                }
                if (used + permitCount > permits)
                    return new Lease(retryAfter: windowEnd - now);
                used += permitCount;
                return Lease.Granted;
            }
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }

    sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
