using Microsoft.AspNetCore.Cors.Infrastructure;

namespace ChatFake.Infrastructure.Http;

public static class CorsSetup
{
    /// <summary>
    /// Development: any origin, since frontends run their dev servers on other ports.
    /// Elsewhere: only the comma-separated origins of CORS_ORIGINS.
    /// Either way every requested header passes the preflight (browser SDKs add their own:
    /// x-stainless-*, anthropic-version, x-api-key...), scripts may read Retry-After (429s and
    /// failure scenarios), and the browser caches a preflight for ten minutes instead of
    /// repeating it before almost every request.
    /// </summary>
    public static IServiceCollection AddChatFakeCors(this IServiceCollection services, bool isDevelopment) =>
        // Read from the final configuration when the policy is first needed, not while services
        // are registered (settings added by a host, as the tests' are, come after that).
        services.AddCors().AddOptions<CorsOptions>().Configure<IConfiguration>((cors, config) => cors.AddDefaultPolicy(policy =>
        {
            if (isDevelopment) policy.AllowAnyOrigin();
            else policy.WithOrigins((config["CORS_ORIGINS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            policy.AllowAnyHeader()
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromSeconds(600));
        })).Services;
}
