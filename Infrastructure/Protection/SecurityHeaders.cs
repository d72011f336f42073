namespace ChatFake.Infrastructure.Protection;

/// <summary>
/// On every response: browsers must not guess content types from bodies (nosniff), and links
/// out of a frontend leak no ChatFake URLs (no-referrer). Kestrel's Server header is switched
/// off in ProtectionSetup.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        // Added when the response starts, because the exception handler clears the headers
        // of a failed request before it writes the error envelope.
        ctx.Response.OnStarting(state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, ctx.Response);
        return next(ctx);
    });
}
