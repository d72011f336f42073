using Microsoft.AspNetCore.Cors.Infrastructure;

namespace ChatFake.Infrastructure.Http;

public static class CorsSetup
{
    /// <summary>
    /// The policy of the routes that speak a provider's protocol (<c>/v1</c>): their SDKs, run in a
    /// browser, send headers of their own (OpenAI's <c>x-stainless-*</c>...), so it allows every
    /// requested header; the origins are those of the default policy.
    /// </summary>
    public const string ProtocolPolicy = "protocol";

    /// <summary>
    /// Development: any origin, since frontends run their dev servers on other ports.
    /// Elsewhere: only the comma-separated origins of CORS_ORIGINS.
    /// </summary>
    public static IServiceCollection AddChatFakeCors(this IServiceCollection services, IConfiguration config, bool isDevelopment)
    {
        var origins = (config["CORS_ORIGINS"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        void Origins(CorsPolicyBuilder policy)
        {
            if (isDevelopment) policy.AllowAnyOrigin();
            else policy.WithOrigins(origins);
            policy.WithMethods("GET", "POST", "PUT", "PATCH", "DELETE").WithExposedHeaders("Retry-After");
        }
        return services.AddCors(cors =>
        {
            cors.AddDefaultPolicy(policy =>
            {
                Origins(policy);
                policy.WithHeaders("Authorization", "Content-Type", "X-Fake-Scenario");
            });
            cors.AddPolicy(ProtocolPolicy, policy =>
            {
                Origins(policy);
                policy.AllowAnyHeader();
            });
        });
    }
}
