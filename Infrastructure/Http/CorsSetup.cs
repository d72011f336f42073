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
            // Browser SDKs send headers of their own (Anthropic's: anthropic-version, x-api-key,
            // anthropic-dangerous-direct-browser-access, and x-stainless-* that vary by version).
            if (isDevelopment) policy.AllowAnyOrigin().AllowAnyHeader();
            else policy.WithOrigins(origins).WithHeaders([.. ChatFakeHeaders, .. AnthropicSdkHeaders]);
            policy.WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithExposedHeaders("Retry-After");
        }));
    }

    static readonly string[] ChatFakeHeaders = ["Authorization", "Content-Type", "X-Fake-Scenario", "X-ChatFake-Conversation"];

    static readonly string[] AnthropicSdkHeaders =
    [
        "anthropic-version", "anthropic-beta", "anthropic-dangerous-direct-browser-access", "x-api-key",
        "x-stainless-arch", "x-stainless-lang", "x-stainless-os", "x-stainless-package-version", "x-stainless-retry-count",
        "x-stainless-runtime", "x-stainless-runtime-version", "x-stainless-timeout", "x-stainless-helper-method", "x-stainless-helper",
    ];
}
