namespace ChatFake.Infrastructure.Http;

public static class CorsSetup
{
    /// <summary>
    /// Development: any origin, since frontends run their dev servers on other ports.
    /// Elsewhere: only the comma-separated origins of CORS_ORIGINS.
    /// </summary>
    public static IServiceCollection AddChatFakeCors(this IServiceCollection services, IConfiguration config, bool isDevelopment)
    {
        var origins = (config["CORS_ORIGINS"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (isDevelopment) policy.AllowAnyOrigin();
            else policy.WithOrigins(origins);
            policy.WithHeaders("Authorization", "Content-Type", "X-Fake-Scenario", "X-Fake-Reply")
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithExposedHeaders("Retry-After");
        }));
    }
}
