using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatFake.Infrastructure.Data;

/// <summary>The one LiteDatabase of the process, with its typed collections.</summary>
/// <remarks>
/// What LiteDB 5.0.21 in direct mode guarantees, read in the shipped assembly
/// (TransactionService.Commit, DiskService.WriteLogDisk, WalIndexService.Checkpoint and
/// RestoreIndex, LiteEngine.Close), and so what ChatFake promises (README, "What ChatFake
/// promises"; proved by Tests/Hardening/CrashTests.cs):
/// <list type="bullet">
/// <item>A commit writes every page it changed to the journal, the "-log" file next to the
/// data file (chatfake-log.db), one positioned write per page straight to the operating
/// system, the last page marked "confirmed", and only then returns. So once a write is
/// acknowledged, killing the process (kill -9, out of memory, a crash) cannot lose it.
/// LiteDB does not fsync the journal per commit: after a power cut or a kernel crash the
/// last commits may be missing, depending on what the OS had flushed.</item>
/// <item>A checkpoint copies the confirmed pages into the data file, fsyncs the data file
/// and empties the journal. It runs once the journal passes CHECKPOINT pages (pinned to
/// <see cref="CheckpointPages"/> below) and when this object is disposed: the host disposes
/// its singletons on graceful shutdown (SIGTERM, Ctrl+C), and LiteDB then deletes the empty
/// journal.</item>
/// <item>Opening the file reads the journal back: every confirmed transaction is served
/// (and copied by the next checkpoint); the pages of a transaction that never got its
/// confirmed page are ignored. A transaction is all or nothing.</item>
/// </list>
/// </remarks>
public sealed partial class ChatDb : IDisposable
{
    // 1000 pages of 8 KB, LiteDB's default, pinned because the pragma lives in the data file
    // and a file last written by another tool could carry another value (0 = never).
    const int CheckpointPages = 1000;

    readonly LiteDatabase db;
    readonly FileStream ownership;
    // Held for every InTransaction: a counted write reads a count and writes it back, which
    // LiteDB's per-collection write locks alone would let two writers do from the same value.
    // A semaphore, not a lock: under contention a lock spins, and with dozens of writers queued
    // on 2 cores the spinning took more CPU than the writes (profile of POST message at 64 connections).
    readonly SemaphoreSlim writes = new(1, 1);
    [ThreadStatic] static ChatDb? transactionOfThread;

    public ChatDb(IOptions<DatabaseOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        FilePath = path;
        ownership = ClaimExclusively(path);
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
        db.CheckpointSize = CheckpointPages;

        // Created once, here, one after the other: creating a typed collection builds the
        // BsonMapper of its document type, which LiteDB 5.0.21 cannot build from several
        // threads at once (another thread sees it half-built: "Member UserId not found").
        // Tests/Hardening/ColdStartTests.cs catches a collection made lazily.
        Users = db.GetCollection<UserDoc>("users");
        Models = db.GetCollection<ModelDoc>("models");
        Bots = db.GetCollection<BotDoc>("bots");
        Conversations = db.GetCollection<ConversationDoc>("conversations");
        Groups = db.GetCollection<GroupDoc>("groups");
        Messages = db.GetCollection<MessageDoc>("messages");
        Counts = db.GetCollection<CountDoc>("counts");
        TagEntries = db.GetCollection<TagEntryDoc>("tag_entries");
        EnsureIndexes();
        BuildListsOnce();
    }

    public string FilePath { get; }

    /// <summary>LiteDB's journal: "chatfake.db" → "chatfake-log.db", in the same folder.</summary>
    public string JournalPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(FilePath)!,
        System.IO.Path.GetFileNameWithoutExtension(FilePath) + "-log" + System.IO.Path.GetExtension(FilePath));

    public ILiteCollection<UserDoc> Users { get; }
    public ILiteCollection<ModelDoc> Models { get; }
    public ILiteCollection<BotDoc> Bots { get; }
    public ILiteCollection<ConversationDoc> Conversations { get; }
    public ILiteCollection<GroupDoc> Groups { get; }
    public ILiteCollection<MessageDoc> Messages { get; }
    public ILiteCollection<CountDoc> Counts { get; }
    public ILiteCollection<TagEntryDoc> TagEntries { get; }

    /// <summary>Runs <paramref name="work"/> in one transaction on the calling thread.</summary>
    /// <remarks>LiteDB transactions belong to a thread: never await inside <paramref name="work"/>.
    /// Transactions run one at a time; called inside one, it joins it.</remarks>
    public T InTransaction<T>(Func<T> work)
    {
        if (transactionOfThread == this) return work();
        writes.Wait();
        transactionOfThread = this;
        try
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
        finally
        {
            transactionOfThread = null;
            writes.Release();
        }
    }

    public void Checkpoint() => db.Checkpoint();

    /// <summary>Copies the journal into the data file and closes it (see the remarks above).
    /// A checkpoint that fails leaves the journal to be replayed at the next start; the file
    /// is closed, and its lock released, either way.</summary>
    public void Dispose()
    {
        try
        {
            db.Checkpoint();
        }
        finally
        {
            db.Dispose();
            ownership.Dispose();
        }
    }

    /// <summary>
    /// Direct mode assumes that one process owns the file but does not enforce it: on Linux
    /// LiteDB takes only shared locks, so a second ChatFake started on the same file (another
    /// port, same DATABASE_PATH) would write its own journal pages over ours and corrupt
    /// both. An exclusive lock on a companion file refuses the second process instead; the
    /// OS releases it when the owner exits, even by kill -9.
    /// </summary>
    static FileStream ClaimExclusively(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"Database {path} is in use by another ChatFake process; stop it or set DATABASE_PATH to another file", e);
        }
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
        // Files of earlier versions filtered ?tag= on this index; TagEntries serve it now.
        Conversations.DropIndex("Tags");
        Groups.EnsureIndex(x => x.OwnerId);
        Groups.EnsureIndex(x => x.ListKey);
        Messages.EnsureIndex(x => x.ConversationId);
        Messages.EnsureIndex(x => x.GroupConversationId);
        Messages.EnsureIndex(x => x.Position);
        Messages.EnsureIndex(x => x.Slot);
    }
}
