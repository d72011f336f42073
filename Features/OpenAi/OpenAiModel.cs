using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.OpenAi;

/// <summary>A model as OpenAI's <c>/v1/models</c> describes it.</summary>
public sealed record OpenAiModel(
    string Id,
    string Object,
    long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy)
{
    /// <summary>The seeded models carry no creation date; one fixed date (2024-01-01) keeps answers deterministic.</summary>
    public const long Created2024 = 1704067200;

    public static OpenAiModel From(ModelDoc model) => new(model.Id, "model", Created2024, model.Provider.ToLowerInvariant());

    /// <summary>The model a request names, if it is active.</summary>
    public static ModelDoc? FindActive(ModelCatalog catalog, string? id) => id is null ? null : catalog.FindActive(id);
}
