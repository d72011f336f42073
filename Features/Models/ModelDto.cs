using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Models;

/// <summary>A chat model as GET /api/models lists it (docs/API.md, "Models").</summary>
public sealed record ModelDto(
    string Id,
    string Name,
    string Provider,
    [property: JsonPropertyName("context_limit")] int ContextLimit,
    [property: JsonPropertyName("pricing_per_1k_tokens")] string PricingPer1kTokens,
    [property: JsonPropertyName("is_active")] int IsActive)
{
    public static ModelDto From(ModelDoc m) => new(m.Id, m.Name, m.Provider, m.ContextLimit, m.PricingPer1kTokens, m.IsActive);
}
