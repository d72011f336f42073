namespace ChatFake.Infrastructure.Data;

// Every write of the process runs one at a time, in the order it was asked for: on its caller's
// thread when nobody is writing, else on the writer thread. One at a time: a counted write reads a count and writes it back, which LiteDB's
// per-collection write locks alone would let two writers do from the same value. The writes
// queued while one commits share the next commit (group commit): at 64 connections a commit per
// write was most of the cost of a send (bench/RESULTS.md), and a request waiting for its write
// holds no thread.
public sealed partial class ChatDb
{
    // Enough to take a burst of sends in one commit, few enough that one commit stays short.
    const int MostWritesPerCommit = 64;

    readonly Queue<Write> queued = new();
    readonly Thread writer;
    bool writing;
    bool closed;
    [ThreadStatic] static ChatDb? transactionOfThread;
    Write? running;

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and completes once it is committed. Every write goes through here: a commit that met the first I/O failure was not
    /// written, and throws <see cref="DatabaseUnavailableException"/> instead of completing; what
    /// <paramref name="work"/> throws is thrown here, and nothing of it is stored.
    /// </summary>
    /// <remarks><paramref name="work"/> runs on the thread that commits it (the caller's when nobody is
    /// writing, else the writer thread), which owns LiteDB's transaction: it must not block on
    /// anything but the database. Called inside a transaction, it joins it
    /// and runs at once. Other writes may share the commit; a work that throws is run again alone,
    /// so it never takes another write down with it.</remarks>
    public Task<T> InTransactionAsync<T>(Func<T> work)
    {
        if (transactionOfThread == this) return Task.FromResult(work());
        var write = new Write<T>(work);
        lock (queued)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            if (writing || queued.Count > 0)
            {
                queued.Enqueue(write);
                Monitor.Pulse(queued);
                return write.Done;
            }
            writing = true;
        }
        // Nobody is writing: this write is committed right here, with no hand-over to the writer
        // thread and back (two context switches that cost more than a lone commit).
        Commit([write]);
        lock (queued)
        {
            writing = false;
            if (queued.Count > 0) Monitor.Pulse(queued);
        }
        return write.Done;
    }

    /// <summary><see cref="InTransactionAsync{T}"/>, waiting on the calling thread: for start-up,
    /// seeding and tools, not for request handlers.</summary>
    public T InTransaction<T>(Func<T> work) => InTransactionAsync(work).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="change"/> once the current write is committed, before its
    /// caller is answered; never if it is rolled back. For what is kept in memory next to the file.</summary>
    public void AfterCommit(Action change)
    {
        if (transactionOfThread != this || running is null) throw new InvalidOperationException("AfterCommit outside a write");
        running.AfterCommit.Add(change);
    }

    Thread StartWriter()
    {
        var thread = new Thread(WriteQueued) { IsBackground = true, Name = "ChatDb writer" };
        thread.Start();
        return thread;
    }

    void WriteQueued()
    {
        var batch = new List<Write>(MostWritesPerCommit);
        while (true)
        {
            lock (queued)
            {
                while (queued.Count == 0 || writing)
                {
                    if (closed && queued.Count == 0) return;
                    Monitor.Wait(queued);
                }
                writing = true;
                while (batch.Count < MostWritesPerCommit && queued.TryDequeue(out var write)) batch.Add(write);
            }
            Commit(batch);
            batch.Clear();
            lock (queued) writing = false;
        }
    }

    /// <summary>Commits <paramref name="writes"/> together if none of them throws, else each alone.</summary>
    void Commit(List<Write> writes)
    {
        transactionOfThread = this;
        try
        {
            if (!TryCommit(writes, alone: writes.Count == 1))
                foreach (var write in writes) TryCommit([write], alone: true);
        }
        finally
        {
            transactionOfThread = null;
            running = null;
        }
    }

    /// <summary>Runs <paramref name="writes"/> in one transaction and answers them; false (nothing
    /// stored, nobody answered) when one of them threw and they are not <paramref name="alone"/>.</summary>
    bool TryCommit(List<Write> writes, bool alone)
    {
        // Writers queued behind the one that met the failure are answered at once, none reaches
        // LiteDB; a commit that met it was not written.
        Exception? failure = Unavailable(null);
        if (failure is null)
        {
            try
            {
                db.BeginTrans();
                try
                {
                    foreach (var write in writes)
                    {
                        running = write;
                        write.Run();
                    }
                    running = null;
                    db.Commit();
                }
                catch
                {
                    running = null;
                    db.Rollback();
                    throw;
                }
                failure = Unavailable(null);
            }
            catch (Exception e)
            {
                if (!alone && failStop.Cause is null) return false;
                failure = Unavailable(e) ?? e;
            }
        }
        foreach (var write in writes)
        {
            if (failure is null) write.Committed();
            else write.Failed(failure);
        }
        return true;
    }

    /// <summary>Lets the writes queued so far finish, then stops the writer.</summary>
    void StopWriter()
    {
        lock (queued)
        {
            closed = true;
            Monitor.Pulse(queued);
        }
        if (Thread.CurrentThread != writer) writer.Join(ShutdownCheckpointBound);
    }

    abstract class Write
    {
        public List<Action> AfterCommit { get; } = [];

        public abstract void Run();

        public abstract void Committed();

        public abstract void Failed(Exception failure);
    }

    sealed class Write<T>(Func<T> work) : Write
    {
        // Continuations leave the writer thread: it goes straight on to the next commit.
        readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        T result = default!;

        public Task<T> Done => done.Task;

        public override void Run()
        {
            AfterCommit.Clear();
            result = work();
        }

        public override void Committed()
        {
            try
            {
                foreach (var change in AfterCommit) change();
                done.SetResult(result);
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }

        public override void Failed(Exception failure) => done.SetException(failure);
    }
}
