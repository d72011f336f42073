using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Health.Check;

static class Data
{
    /// <summary>Runs a real query (the small models collection, read through the engine);
    /// returns why it failed, or null when the database answered.</summary>
    public static Exception? DatabaseFailure(ChatDb db)
    {
        try
        {
            db.Models.Count();
            return null;
        }
        // Whatever the database throws means "not healthy": a database that stopped writing
        // at an I/O error (disk full) throws DatabaseUnavailableException, a disposed engine
        // LiteException.
        catch (Exception e)
        {
            return e;
        }
    }
}
