using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Models;

/// <summary>The "modelId must name an active model" rule of docs/API.md, for every slice that takes a modelId.</summary>
public static class ActiveModels
{
    public const string Message = "modelId must name an active model (see GET /api/models)";

    public static bool Contains(ModelCatalog catalog, string id) => catalog.FindActive(id) is not null;
}
