using LiteDB;

namespace ChatFake.Infrastructure.Data;

/// <summary>
/// The models collection, held in memory: every route that lists or checks a model reads it
/// here instead of from LiteDB (reading the collection was a fifth of the CPU of
/// <c>GET /api/models</c>). Models are written only through <see cref="Write{T}"/>, which
/// drops the copy once the write has committed, so the next read loads what the database holds.
/// </summary>
/// <remarks>The documents handed out are shared by every request: read them, never change them.</remarks>
public sealed class ModelCatalog(ChatDb db)
{
    sealed record Snapshot(Dictionary<string, ModelDoc> ById, IReadOnlyList<ModelDoc> Active);

    readonly Lock loading = new();
    volatile Snapshot? current;

    /// <summary>The active models, by provider then id (ordinal): the order every list of models uses.</summary>
    public IReadOnlyList<ModelDoc> Active => Current.Active;

    /// <summary>The model <paramref name="id"/>, active or not.</summary>
    public ModelDoc? Find(string id) => Current.ById.GetValueOrDefault(id);

    /// <summary>The model <paramref name="id"/>, if it is active.</summary>
    public ModelDoc? FindActive(string id) => Find(id) is { IsActive: 1 } model ? model : null;

    /// <summary>
    /// Runs <paramref name="work"/> in a write of <see cref="ChatDb.InTransactionAsync{T}"/>, with
    /// the models collection to write; once that write is committed, the next read loads the
    /// models again. The one way to write models (inside another write, it joins it).
    /// </summary>
    public Task<T> WriteAsync<T>(Func<ILiteCollection<ModelDoc>, T> work) => db.InTransactionAsync(() => Changing(work));

    /// <summary><see cref="WriteAsync{T}"/>, waiting on the calling thread (start-up, tests).</summary>
    public T Write<T>(Func<ILiteCollection<ModelDoc>, T> work) => db.InTransaction(() => Changing(work));

    T Changing<T>(Func<ILiteCollection<ModelDoc>, T> work)
    {
        // Under the lock: a read loading meanwhile read the database before this commit or after
        // it, and is dropped here or already saw the write.
        db.AfterCommit(() => { lock (loading) current = null; });
        return work(db.Models);
    }

    Snapshot Current => current ?? Load();

    Snapshot Load()
    {
        lock (loading)
        {
            if (current is { } loaded) return loaded;
            var all = db.Models.FindAll().ToList();
            var active = all.Where(x => x.IsActive == 1)
                .OrderBy(x => x.Provider, StringComparer.Ordinal)
                .ThenBy(x => x.Id, StringComparer.Ordinal)
                .ToArray();
            // Ordinal, as the database compares ids (ChatDb stores an ordinal collation).
            return current = new Snapshot(all.ToDictionary(x => x.Id, StringComparer.Ordinal), active);
        }
    }
}
