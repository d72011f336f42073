using Microsoft.IdentityModel.JsonWebTokens;

namespace ChatFake.Infrastructure.Http;

/// <summary>What ChatFake writes to its log: one line per request, and where it listens.</summary>
public static partial class Observability
{
    public const string RequestCategory = "ChatFake.Requests";

    /// <summary>Outside Development the console log is <see cref="ConsoleLines"/>, which costs a
    /// request no lock; Development keeps the framework's console (colours, scopes).</summary>
    public static void AddChatFakeLogging(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return;
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ConsoleLines());
    }

    /// <summary>
    /// One structured line per request: method, route pattern, status, duration and the
    /// user id when authenticated. Never bodies, query strings or headers: they carry
    /// passwords, tokens and message contents. Goes first, so that it sees the final status.
    /// </summary>
    public static void UseObservability(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestCategory);
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (ctx, next) =>
        {
            var started = time.GetTimestamp();
            // Read before the request runs: the exception handler forgets the endpoint.
            var route = (ctx.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? ctx.Request.Path.Value ?? "/";
            try
            {
                await next(ctx);
            }
            finally
            {
                RequestCompleted(logger, ctx.Request.Method, route, ctx.Response.StatusCode,
                    Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1),
                    ctx.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? "anonymous");
            }
        });

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
                Listening(app.Logger, ForHumans(address), address, app.Environment.EnvironmentName);
        });
    }

    // Kestrel reports the wildcard it bound ("http://[::]:3000"); people want a URL to open.
    static string ForHumans(string address) =>
        Uri.TryCreate(address.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost"), UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : address;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Method} {Route} answered {Status} in {DurationMs} ms for {UserId}")]
    static partial void RequestCompleted(ILogger logger, string method, string route, int status, double durationMs, string userId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "ChatFake is listening on {Url} (bound to {Address}, environment {Environment})")]
    static partial void Listening(ILogger logger, string url, string address, string environment);
}
