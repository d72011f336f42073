using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Models.ListModels;

static class Data
{
    /// <summary>The active models, by provider then id (ordinal).</summary>
    // A handful of documents: reading them all costs less than translating a LINQ filter for LiteDB.
    public static List<ModelDoc> Active(ChatDb db) => db.Models.FindAll()
        .Where(x => x.IsActive == 1)
        .OrderBy(x => x.Provider, StringComparer.Ordinal)
        .ThenBy(x => x.Id, StringComparer.Ordinal)
        .ToList();
}
