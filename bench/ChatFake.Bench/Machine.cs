using System.Runtime.InteropServices;

namespace ChatFake.Bench;

/// <summary>The machine the numbers were taken on; what else ran on it shows in the load average.</summary>
public static class Machine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, " +
        $"{RuntimeInformation.OSDescription}, bench client on .NET {Environment.Version}";

    /// <summary>The 1-minute load average: above the core count, other processes competed for the CPU.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// TcpExt ListenOverflows from /proc/net/netstat: connection attempts dropped because a
    /// listener's accept queue was full (machine-wide; during a run, those are the server's).
    /// </summary>
    public static long ListenOverflows()
    {
        var lines = File.ReadAllLines("/proc/net/netstat");
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            if (!lines[i].StartsWith("TcpExt:", StringComparison.Ordinal)) continue;
            var names = lines[i].Split(' ');
            var values = lines[i + 1].Split(' ');
            return long.Parse(values[Array.IndexOf(names, "ListenOverflows")]);
        }
        return 0;
    }
}
