using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.OpenAi.ListModels;

static class Data
{
    /// <summary>The active models, by provider then id (ordinal), as <c>/api/models</c> lists them.</summary>
    public static List<ModelDoc> Active(ChatDb db) => db.Models.Find(x => x.IsActive == 1)
        .OrderBy(x => x.Provider, StringComparer.Ordinal)
        .ThenBy(x => x.Id, StringComparer.Ordinal)
        .ToList();
}
