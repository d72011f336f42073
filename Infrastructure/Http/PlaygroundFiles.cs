using ChatFake.Infrastructure.Protection;

namespace ChatFake.Infrastructure.Http;

public static class PlaygroundFiles
{
    /// <summary>
    /// The playground: <c>/</c> is wwwroot/index.html, real files only, before auth. Both
    /// middlewares step aside for a request that matched a route; skipping them up front keeps
    /// them off every API request.
    /// </summary>
    public static void UsePlaygroundFiles(this WebApplication app) =>
        app.UseWhen(ctx => ctx.GetEndpoint() is null, files => files
            .UseDefaultFiles()
            .UseStaticFiles(new StaticFileOptions { OnPrepareResponse = SecurityHeaders.ForPlaygroundFiles }));
}
