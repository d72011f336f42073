namespace ChatFake.Infrastructure.Protection;

/// <summary>
/// FastEndpoints maps <c>GET /_test_url_cache_</c> in every environment, without auth: the
/// list of every endpoint class and route, a fallback for its typed test helpers (which in
/// process read a static cache instead). It is no part of docs/API.md, where an unknown route is a
/// 404 and only register, login and health go without a token, so it answers like an
/// unknown route.
/// </summary>
public static class TestOnlyRoutes
{
    const string UrlCache = "_test_url_cache_";

    public static IApplicationBuilder UseNoTestOnlyRoutes(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        if (ctx.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: UrlCache })
            return next(ctx);
        ctx.Response.StatusCode = StatusCodes.Status404NotFound; // enveloped by ErrorResponses
        return Task.CompletedTask;
    });
}
