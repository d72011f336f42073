using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Models.ListModels;

static class Data
{
    /// <summary>The active models, by provider then id (ordinal).</summary>
    public static List<ModelDoc> Active(ChatDb db) => db.Models.Find(x => x.IsActive == 1)
        .OrderBy(x => x.Provider, StringComparer.Ordinal)
        .ThenBy(x => x.Id, StringComparer.Ordinal)
        .ToList();
}
