namespace ChatFake.Infrastructure.Data;

/// <summary>The first I/O failure of the database files, shared by the data file and its journal.</summary>
public sealed class FailStop(Action<Exception> onFailure)
{
    Exception? cause;

    public Exception? Cause => Volatile.Read(ref cause);

    public void Record(Exception failure)
    {
        if (Interlocked.CompareExchange(ref cause, failure, null) is null) onFailure(failure);
    }
}

/// <summary>
/// A database file as LiteDB sees it: every write goes straight to the operating system
/// until the first one fails; from then on writes, flushes and truncations are dropped.
/// </summary>
/// <remarks>
/// Why dropped rather than thrown, read in LiteDB 5.0.21: DiskService.WriteLogDisk hands each
/// page to the cache as readable and advances the journal length before its Write, so a Write
/// that throws leaves a page that can be neither released nor discarded. The commit throws,
/// its Rollback throws ("discarded page must be writable"), and the transaction keeps its
/// collection lock (a Monitor of the failed thread) for good: every later writer of that
/// collection waits out LiteDB's one-minute lock timeout, and the checkpoint on shutdown waits
/// for it too. Dropping the writes instead keeps
/// LiteDB's own state whole (its locks are released as usual) while nothing written after the
/// failure reaches the disk: the journal ends with the last commit before it, followed by the
/// unconfirmed pages of the failed one, which the next open ignores. <see cref="ChatDb"/>
/// refuses every use of the database once <see cref="FailStop.Cause"/> is set and checks it
/// after every commit, so no dropped write is acknowledged.
/// </remarks>
public sealed class FailStopFile(Stream file, FailStop failStop) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return file.Read(buffer, offset, count);
        }
        catch (IOException e)
        {
            failStop.Record(e);
            throw;
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        var start = file.Position;
        if (failStop.Cause is null)
        {
            var length = file.Length;
            try
            {
                file.Write(buffer, offset, count);
                return;
            }
            catch (IOException e)
            {
                failStop.Record(e);
                // A full disk takes part of a page: cut it off, so that the file ends with whole pages.
                TryTruncate(length);
            }
        }
        file.Position = start + count;
    }

    public override void Flush()
    {
        if (failStop.Cause is not null) return;
        try
        {
            // LiteDB asks for a flush where it needs the bytes on the disk (a checkpoint
            // fsyncs the data file before it empties the journal).
            if (file is FileStream onDisk) onDisk.Flush(flushToDisk: true);
            else file.Flush();
        }
        catch (IOException e)
        {
            failStop.Record(e);
        }
    }

    public override void SetLength(long value)
    {
        // After a failure LiteDB may believe it copied the journal into the data file: the
        // journal must stay as it is on the disk.
        if (failStop.Cause is not null) return;
        try
        {
            file.SetLength(value);
        }
        catch (IOException e)
        {
            failStop.Record(e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }

    void TryTruncate(long length)
    {
        try
        {
            if (file.Length > length) file.SetLength(length);
        }
        catch (IOException)
        {
            // The disk refuses even that; the next open crops a partial last page itself.
        }
    }
}
