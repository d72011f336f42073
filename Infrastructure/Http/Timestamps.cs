using System.Globalization;

namespace ChatFake.Infrastructure.Http;

public static class Timestamps
{
    /// <summary>ISO-8601 UTC with milliseconds and Z, like JavaScript's toISOString().</summary>
    public static string Format(DateTime at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
