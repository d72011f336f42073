namespace ChatFake.Infrastructure.Data;

/// <summary>
/// The database stopped writing at its first I/O failure (see <see cref="FailStopFile"/>):
/// requests answer 503 with <see cref="Reason"/>, streams end with an error event saying it.
/// </summary>
public sealed class DatabaseUnavailableException(Exception cause) : Exception(Reason, cause)
{
    public const string Reason = "The database cannot write (disk full or I/O error): free space and restart ChatFake";
}
