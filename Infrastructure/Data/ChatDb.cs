using System.Globalization;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Logging.Abstractions;
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
/// its singletons on graceful shutdown (SIGTERM, Ctrl+C), and the empty journal is then
/// deleted.</item>
/// <item>Opening the file reads the journal back: every confirmed transaction is served
/// (and copied by the next checkpoint); the pages of a transaction that never got its
/// confirmed page are ignored. A transaction is all or nothing.</item>
/// <item>The first I/O failure of either file (disk full, I/O error) stops all writing
/// (<see cref="FailStopFile"/>): from then on every use of the database throws
/// <see cref="DatabaseUnavailableException"/>, a commit that ran into the failure throws it
/// instead of returning, and shutdown leaves both files as they are. Proved by
/// Tests/Hardening/DiskFullTests.cs and DiskFaultTests.cs.</item>
/// </list>
/// </remarks>
public sealed partial class ChatDb : IDisposable
{
    // 1000 pages of 8 KB, LiteDB's default, pinned because the pragma lives in the data file
    // and a file last written by another tool could carry another value (0 = never).
    const int CheckpointPages = 1000;

    // A checkpoint on shutdown waits for every transaction in flight; past this, the journal is
    // left to be replayed at the next start, so that SIGTERM ends the process on time.
    static readonly TimeSpan ShutdownCheckpointBound = TimeSpan.FromSeconds(3);

    // Longer than the owner's checkpoint on shutdown, so that a restart finds the file free.
    static readonly TimeSpan OwnerLetsGo = TimeSpan.FromSeconds(5);

    readonly LiteDatabase db;
    readonly FileStream ownership;
    readonly FailStopFile data;
    readonly FailStopFile journal;
    readonly FailStop failStop;
    readonly ILogger logger;
    readonly ILiteCollection<UserDoc> users;
    readonly ILiteCollection<ModelDoc> models;
    readonly ILiteCollection<BotDoc> bots;
    readonly ILiteCollection<ConversationDoc> conversations;
    readonly ILiteCollection<GroupDoc> groups;
    readonly ILiteCollection<MessageDoc> messages;
    readonly ILiteCollection<CountDoc> counts;
    readonly ILiteCollection<TagEntryDoc> tagEntries;

    /// <param name="beneath">Wraps each file beneath LiteDB: tests inject disk faults here.</param>
    public ChatDb(IOptions<DatabaseOptions> options, ILogger<ChatDb>? logger = null, Func<Stream, Stream>? beneath = null)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        FilePath = path;
        this.logger = logger ?? NullLogger<ChatDb>.Instance;
        ownership = ClaimExclusively(path);
        failStop = new FailStop(Stopped);
        beneath ??= file => file;
        data = new FailStopFile(beneath(OpenFile(path)), failStop);
        journal = new FailStopFile(beneath(OpenFile(JournalPath)), failStop);
        writer = StartWriter();
        try
        {
            // Ordinal collation (stored in the file when it is created): LiteDB's default is the
            // current culture ignoring case, under which ids match case-insensitively and, with ICU,
            // "x|~" sorts before "x|0", which empties every SortKeys.RangeOf index range scan.
            // The files are LiteDB's streams (not its file names) so that FailStopFile sees every
            // write; AutoRebuild stays off: a file LiteDB cannot read is never rewritten.
            db = new LiteDatabase(new LiteEngine(new EngineSettings
            {
                DataStream = data,
                LogStream = journal,
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            }), new BsonMapper
            {
                // LiteDB's default trims every string it stores: a partial reply that ended with a
                // space the client had shown came back without it.
                TrimWhitespace = false,
            });
            db.UtcDate = true;
            db.CheckpointSize = CheckpointPages;

            // Created once, here, one after the other: creating a typed collection builds the
            // BsonMapper of its document type, which LiteDB 5.0.21 cannot build from several
            // threads at once (another thread sees it half-built: "Member UserId not found").
            // Tests/Hardening/ColdStartTests.cs catches a collection made lazily.
            users = db.GetCollection<UserDoc>("users");
            models = db.GetCollection<ModelDoc>("models");
            bots = db.GetCollection<BotDoc>("bots");
            conversations = db.GetCollection<ConversationDoc>("conversations");
            groups = db.GetCollection<GroupDoc>("groups");
            messages = db.GetCollection<MessageDoc>("messages");
            counts = db.GetCollection<CountDoc>("counts");
            tagEntries = db.GetCollection<TagEntryDoc>("tag_entries");
            EnsureIndexes();
            BuildListsOnce();
        }
        // Whatever LiteDB throws on a file it cannot read (a LiteException, or a date out of
        // range from a header that is not LiteDB's) means the same to the person starting it.
        catch (Exception e)
        {
            StopWriter();
            data.Dispose();
            journal.Dispose();
            ownership.Dispose();
            throw new IOException(
                $"Database {path} cannot be opened: {e.Message}. The data file and its journal {JournalPath} are left as they were. " +
                "If the disk was full or failing, free space (or fix the disk) and start ChatFake again; if it still fails, " +
                "keep a copy of both files and set DATABASE_PATH to a new file.", e);
        }
    }

    public string FilePath { get; }

    /// <summary>LiteDB's journal: "chatfake.db" → "chatfake-log.db", in the same folder.</summary>
    public string JournalPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(FilePath)!,
        System.IO.Path.GetFileNameWithoutExtension(FilePath) + "-log" + System.IO.Path.GetExtension(FilePath));

    // Every use of the database goes through these: once it failed, none reaches LiteDB.
    public ILiteCollection<UserDoc> Users => Available(users);
    public ILiteCollection<ModelDoc> Models => Available(models);
    public ILiteCollection<BotDoc> Bots => Available(bots);
    public ILiteCollection<ConversationDoc> Conversations => Available(conversations);
    public ILiteCollection<GroupDoc> Groups => Available(groups);
    public ILiteCollection<MessageDoc> Messages => Available(messages);
    public ILiteCollection<CountDoc> Counts => Available(counts);
    public ILiteCollection<TagEntryDoc> TagEntries => Available(tagEntries);

    // By primary key, the owner compared in memory: a LINQ filter is translated anew on every
    // call, which cost more than the lookup (profile of POST message, bench/RESULTS.md).

    /// <summary>The conversation <paramref name="id"/>, if <paramref name="userId"/> owns it.</summary>
    public ConversationDoc? ConversationOf(string id, string userId) =>
        Conversations.FindById(id) is { } conversation && conversation.UserId == userId ? conversation : null;

    /// <summary>The group <paramref name="id"/>, if <paramref name="ownerId"/> owns it.</summary>
    public GroupDoc? GroupOf(string id, string ownerId) =>
        Groups.FindById(id) is { } group && group.OwnerId == ownerId ? group : null;

    /// <summary>What to answer for <paramref name="exception"/>: once the database has failed,
    /// whatever a request ran into is that failure (a 503, logged once, when it happened).</summary>
    public DatabaseUnavailableException? Unavailable(Exception? exception) =>
        exception as DatabaseUnavailableException ?? (failStop.Cause is { } cause ? new DatabaseUnavailableException(cause) : null);

    /// <summary>Copies the journal into the data file; false when that still waits on a
    /// transaction in flight after <see cref="ShutdownCheckpointBound"/>. A checkpoint that fails
    /// leaves the journal to be replayed at the next start.</summary>
    public bool Checkpoint()
    {
        ThrowIfFailed();
        var copying = Task.Run(db.Checkpoint);
        try
        {
            return copying.Wait(ShutdownCheckpointBound);
        }
        catch (AggregateException e)
        {
            logger.LogWarning(e.InnerException, "Checkpoint failed; the journal {JournalFile} is replayed at the next start", JournalPath);
            return true;
        }
    }

    /// <summary>Copies the journal into the data file and closes both (see the remarks above).
    /// After an I/O failure nothing is written: the journal is replayed at the next start, as it
    /// is when the checkpoint fails or runs out of time. The file lock is released either way.</summary>
    public void Dispose()
    {
        try
        {
            StopWriter();
            if (failStop.Cause is null && !Checkpoint())
            {
                // The process is exiting: the operating system closes the files.
                logger.LogWarning("Checkpoint on shutdown did not finish within {Bound}; the journal {JournalFile} is replayed at the next start",
                    ShutdownCheckpointBound, JournalPath);
                return;
            }
            db.Dispose();
            data.Dispose();
            journal.Dispose();
            // LiteDB deletes an empty journal only when it opened the files itself.
            if (failStop.Cause is null && new FileInfo(JournalPath) is { Exists: true, Length: 0 })
                File.Delete(JournalPath);
        }
        finally
        {
            ownership.Dispose();
        }
    }

    T Available<T>(T collection)
    {
        ThrowIfFailed();
        return collection;
    }

    void ThrowIfFailed()
    {
        if (failStop.Cause is { } cause) throw new DatabaseUnavailableException(cause);
    }

    void Stopped(Exception cause) =>
        logger.LogError("Database stopped writing at its first I/O failure ({Failure}: {Cause}); every request that needs it answers 503 " +
            "until space is freed and ChatFake restarted. Nothing acknowledged is lost: {DatabaseFile} and {JournalFile} are left as they are",
            cause.GetType().Name, cause.Message, FilePath, JournalPath);

    // Unbuffered: each page LiteDB writes is one write to the operating system, at commit.
    static FileStream OpenFile(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0, FileOptions.RandomAccess);

    /// <summary>
    /// Direct mode assumes that one process owns the file but does not enforce it: on Linux
    /// LiteDB takes only shared locks, so a second ChatFake started on the same file (another
    /// port, same DATABASE_PATH) would write its own journal pages over ours and corrupt
    /// both. An exclusive lock on a companion file refuses the second process instead; the
    /// OS releases it when the owner exits, even by kill -9. A restart does not race the owner
    /// it replaces: the lock is waited for up to <see cref="OwnerLetsGo"/> while that one
    /// checkpoints and exits.
    /// </summary>
    static FileStream ClaimExclusively(string path)
    {
        var deadline = DateTime.UtcNow + OwnerLetsGo;
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException e)
            {
                throw new IOException($"Database {path} is in use by another ChatFake process; stop it or set DATABASE_PATH to another file", e);
            }
        }
    }

    // Touching every collection once, serially, at start-up also avoids LiteDB 5.0.21's
    // mapper race on first use from several threads.
    void EnsureIndexes()
    {
        users.EnsureIndex(x => x.UsernameKey, unique: true);
        users.EnsureIndex(x => x.Email, unique: true);
        models.EnsureIndex(x => x.IsActive);
        bots.EnsureIndex(x => x.Name);
        conversations.EnsureIndex(x => x.UserId);
        conversations.EnsureIndex(x => x.ListKey);
        // Files of earlier versions filtered ?tag= on this index; tag entries serve it now.
        conversations.DropIndex("Tags");
        groups.EnsureIndex(x => x.OwnerId);
        groups.EnsureIndex(x => x.ListKey);
        messages.EnsureIndex(x => x.ConversationId);
        messages.EnsureIndex(x => x.GroupConversationId);
        messages.EnsureIndex(x => x.Position);
        messages.EnsureIndex(x => x.Slot);
    }
}
