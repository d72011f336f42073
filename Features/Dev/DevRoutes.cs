using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Dev;

/// <summary>
/// The routes for test suites exist in Development, or anywhere with DEV_ROUTES=1 (DEV_ROUTES=0
/// turns them off in Development too). Where they do not exist, they answer exactly as an
/// unknown route does.
/// </summary>
static class DevRoutes
{
    public static bool Enabled(IConfiguration config, IHostEnvironment environment) =>
        config["DEV_ROUTES"]?.Trim().ToLowerInvariant() switch
        {
            "1" or "true" => true,
            "0" or "false" => false,
            _ => environment.IsDevelopment(),
        };

    /// <summary>False, once an unknown route's 404 is sent, when the routes are off.</summary>
    public static async Task<bool> OpenAsync(HttpContext http, IConfiguration config, IHostEnvironment environment, CancellationToken ct)
    {
        if (Enabled(config, environment)) return true;
        await http.SendErrorAsync(StatusCodes.Status404NotFound, ErrorResponses.RouteNotFound(http.Request), ct);
        return false;
    }
}
