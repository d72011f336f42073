using Microsoft.AspNetCore.StaticFiles;

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

    /// <summary>
    /// The playground's files (wwwroot) may load nothing but themselves and call only this
    /// origin's API: should a reply ever slip markup past the page's sanitiser, no script runs.
    /// Only these files get the policy; Swagger UI's page relies on inline script. Revalidated
    /// on every load (ETag), so a new build of the page is seen at once.
    /// </summary>
    public static void ForPlaygroundFiles(StaticFileResponseContext file)
    {
        var headers = file.Context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        headers.CacheControl = "no-cache";
    }
}
