using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

// A bare minimal API (no FastEndpoints, no LiteDB, no logging per request) that validates the
// same HS256 JWT as ChatFake and answers GET /api/models with the same JSON: the most that
// ASP.NET Core serves for that route on this machine.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel((host, kestrel) => kestrel.ListenAnyIP(host.Configuration.GetValue("PORT", 3953)));
var secret = Encoding.UTF8.GetBytes(builder.Configuration["JWT_SECRET"] is { Length: > 0 } s ? s
    : throw new InvalidOperationException("JWT_SECRET is required (the one ChatFake signs with, at least 32 bytes)"));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CeilingJson.Default));
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
{
    bearer.MapInboundClaims = false;
    bearer.TokenValidationParameters = new TokenValidationParameters
    {
        ValidateIssuer = false,
        ValidateAudience = false,
        IssuerSigningKey = new SymmetricSecurityKey(secret),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };
});
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

Model[] models =
[
    new("claude-3-opus", "Claude 3 Opus", "Anthropic", 200000, "0.015", 1),
    new("claude-3-sonnet", "Claude 3 Sonnet", "Anthropic", 200000, "0.003", 1),
    new("gpt-3.5-turbo", "GPT-3.5 Turbo", "OpenAI", 16385, "0.002", 1),
    new("gpt-4", "GPT-4", "OpenAI", 8192, "0.03", 1),
    new("gpt-4-turbo", "GPT-4 Turbo", "OpenAI", 128000, "0.01", 1),
];
var body = new ModelList(true, models);
app.MapGet("/health", () => Results.Ok());
app.MapGet("/api/models", () => body).RequireAuthorization();
app.Run();

record Model(
    string Id,
    string Name,
    string Provider,
    [property: JsonPropertyName("context_limit")] int ContextLimit,
    [property: JsonPropertyName("pricing_per_1k_tokens")] string PricingPer1kTokens,
    [property: JsonPropertyName("is_active")] int IsActive);

record ModelList(bool Success, Model[] Data);

[JsonSerializable(typeof(ModelList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
partial class CeilingJson : JsonSerializerContext;
