using ChatFake.Infrastructure.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatFake.Infrastructure.Auth;

public static class AuthSetup
{
    /// <summary>Where Anthropic clients put their key; read as the token when there is no Authorization header.</summary>
    public const string ApiKeyHeader = "x-api-key";

    public static IServiceCollection AddChatFakeAuth(this IServiceCollection services, IConfiguration config, bool isDevelopment)
    {
        services.AddOptions<JwtOptions>()
            .Bind(config)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>>(new JwtOptionsValidator(isDevelopment));
        services.AddSingleton<TokenService>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, time) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenHandlers.Clear();
                bearer.TokenHandlers.Add(new ValidatedTokens(time));
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = false,
                    ValidateAudience = false,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = new SymmetricSecurityKey(jwt.Value.SigningKey),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    // Expiry is judged by the app's TimeProvider, so tests can expire a token
                    // by moving fake time instead of waiting.
                    LifetimeValidator = (notBefore, expires, _, _) =>
                    {
                        var now = time.GetUtcNow().UtcDateTime;
                        if (expires is null || expires <= now)
                            throw new SecurityTokenExpiredException("Token expired") { Expires = expires ?? DateTime.MinValue };
                        return notBefore is null || notBefore <= now;
                    },
                };
                bearer.Events = new JwtBearerEvents
                {
                    // Anthropic's SDKs and curl examples send the key as x-api-key.
                    OnMessageReceived = ctx =>
                    {
                        if (ctx.Request.Headers.Authorization.Count == 0 && ctx.Request.Headers[ApiKeyHeader] is [{ Length: > 0 } key])
                            ctx.Token = key;
                        return Task.CompletedTask;
                    },
                    OnChallenge = async ctx =>
                    {
                        ctx.HandleResponse();
                        var message = ctx.AuthenticateFailure switch
                        {
                            SecurityTokenExpiredException => "Token expired",
                            not null => "Invalid token",
                            null when ctx.Request.Headers.Authorization.Count > 0 || ctx.Request.Headers.ContainsKey(ApiKeyHeader) => "Invalid token",
                            null => "Authentication required",
                        };
                        await ctx.HttpContext.SendErrorAsync(StatusCodes.Status401Unauthorized, message);
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }

    sealed class JwtOptionsValidator(bool isDevelopment) : IValidateOptions<JwtOptions>
    {
        public ValidateOptionsResult Validate(string? name, JwtOptions options)
        {
            var problems = options.Validate(isDevelopment).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
