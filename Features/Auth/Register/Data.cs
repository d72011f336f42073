using ChatFake.Infrastructure.Data;
using LiteDB;

namespace ChatFake.Features.Auth.Register;

static class Data
{
    public enum Outcome { Created, UsernameTaken, EmailTaken }

    /// <summary>Inserts the user unless the username or email is taken (case-insensitively).</summary>
    public static async Task<Outcome> TryInsertAsync(ChatDb db, UserDoc user)
    {
        // The unique indexes are the real guard (two registrations can race past these checks);
        // the checks only tell which of the two fields collided.
        if (db.Users.Exists(x => x.UsernameKey == user.UsernameKey)) return Outcome.UsernameTaken;
        if (db.Users.Exists(x => x.Email == user.Email)) return Outcome.EmailTaken;
        try
        {
            await db.InTransactionAsync(() => db.Users.Insert(user));
            return Outcome.Created;
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return db.Users.Exists(x => x.UsernameKey == user.UsernameKey) ? Outcome.UsernameTaken : Outcome.EmailTaken;
        }
    }
}
