using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatFake.Infrastructure.Data;

/// <summary>The one LiteDatabase of the process, with its typed collections.</summary>
public sealed class ChatDb : IDisposable
{
    readonly LiteDatabase db;

    public ChatDb(IOptions<DatabaseOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        FilePath = path;
        // Direct mode: one process owns the file. Every write is journaled in the -log file
        // before it is acknowledged, so a crash replays or drops whole transactions only.
        // Ordinal collation (stored in the file when it is created): LiteDB's default is the
        // current culture ignoring case, under which ids match case-insensitively and, with ICU,
        // "x|~" sorts before "x|0", which empties every SortKeys.RangeOf index range scan.
        db = new LiteDatabase(new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
            Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
        });
        db.UtcDate = true;

        Users = db.GetCollection<UserDoc>("users");
        Models = db.GetCollection<ModelDoc>("models");
        Bots = db.GetCollection<BotDoc>("bots");
        Conversations = db.GetCollection<ConversationDoc>("conversations");
        Groups = db.GetCollection<GroupDoc>("groups");
        Messages = db.GetCollection<MessageDoc>("messages");
        EnsureIndexes();
    }

    public string FilePath { get; }
    public ILiteCollection<UserDoc> Users { get; }
    public ILiteCollection<ModelDoc> Models { get; }
    public ILiteCollection<BotDoc> Bots { get; }
    public ILiteCollection<ConversationDoc> Conversations { get; }
    public ILiteCollection<GroupDoc> Groups { get; }
    public ILiteCollection<MessageDoc> Messages { get; }

    /// <summary>Runs <paramref name="work"/> in one transaction on the calling thread.</summary>
    /// <remarks>LiteDB transactions belong to a thread: never await inside <paramref name="work"/>.</remarks>
    public T InTransaction<T>(Func<T> work)
    {
        db.BeginTrans();
        try
        {
            var result = work();
            db.Commit();
            return result;
        }
        catch
        {
            db.Rollback();
            throw;
        }
    }

    public void Checkpoint() => db.Checkpoint();

    public void Dispose()
    {
        db.Checkpoint();
        db.Dispose();
    }

    // Touching every collection once, serially, at start-up also avoids LiteDB 5.0.21's
    // mapper race on first use from several threads.
    void EnsureIndexes()
    {
        Users.EnsureIndex(x => x.UsernameKey, unique: true);
        Users.EnsureIndex(x => x.Email, unique: true);
        Models.EnsureIndex(x => x.IsActive);
        Bots.EnsureIndex(x => x.Name);
        Conversations.EnsureIndex(x => x.UserId);
        Conversations.EnsureIndex(x => x.ListKey);
        Conversations.EnsureIndex("Tags", "$.Tags[*]");
        Groups.EnsureIndex(x => x.OwnerId);
        Groups.EnsureIndex(x => x.ListKey);
        Messages.EnsureIndex(x => x.ConversationId);
        Messages.EnsureIndex(x => x.GroupConversationId);
        Messages.EnsureIndex(x => x.Position);
    }
}
