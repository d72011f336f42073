using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Dev.Reset;

static class Data
{
    /// <summary>
    /// Deletes every user, conversation, group and message and seeds the database again, in one
    /// transaction: a request running meanwhile sees the database before or after, never half
    /// reset (LiteDB holds its writes until the commit and readers see the last commit). The
    /// seeded accounts are put back as they were, ids and password hashes included, so tokens
    /// issued to them stay valid. Returns the counts after the reset.
    /// </summary>
    public static Task<DevState> ResetAsync(ChatDb db, ModelCatalog catalog, Clock clock, bool demo) => catalog.WriteAsync(models =>
    {
        var seeded = db.Users.FindAll().Where(SeedData.IsSeeded).ToList();
        db.Messages.DeleteAll();
        db.Conversations.DeleteAll();
        db.Groups.DeleteAll();
        db.Users.DeleteAll();
        db.Users.InsertBulk(seeded);
        SeedData.Apply(db, models, clock, demo);
        db.RebuildLists();
        return DevState.Of(db);
    });
}
