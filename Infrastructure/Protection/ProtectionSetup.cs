using ChatFake.Infrastructure.Streaming;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ChatFake.Infrastructure.Protection;

public static class ProtectionSetup
{
    /// <summary>All request headers together, in bytes (Kestrel's default is 32 KB): an
    /// X-Fake-Reply of 8,000 CJK characters is about 72 KB percent-encoded. Beyond it Kestrel
    /// answers 431 before the app sees the request.</summary>
    public const int MaxRequestHeadersTotalBytes = 128 * 1024;

    public static IServiceCollection AddChatFakeProtection(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LimitOptions>()
            .Bind(config)
            .Validate(o => o.AuthAttemptsPerMinute >= 0, "RATE_LIMIT_AUTH_PER_MINUTE must be >= 0 (0 turns the limit off)")
            .Validate(o => o.MaxStreamsPerUser >= 0, "MAX_STREAMS_PER_USER must be >= 0 (0 means no cap)")
            .ValidateOnStart();
        services.AddSingleton<StreamSlots>();
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.DrainCeiling;
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalBytes;
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, AuthRateLimit>(AuthRateLimit.Policy);
        });
        return services;
    }

    /// <summary>Security headers, the body size cap, no test-only routes; goes before CORS,
    /// so that preflight answers get the headers too.</summary>
    public static IApplicationBuilder UseChatFakeProtection(this IApplicationBuilder app) =>
        app.UseSecurityHeaders().UseRequestBodyLimit().UseNoTestOnlyRoutes();
}
