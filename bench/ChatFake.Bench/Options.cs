using System.Net;

namespace ChatFake.Bench;

/// <summary>What to run, against which server, from the command line.</summary>
public sealed record Options
{
    public required Uri BaseUrl { get; init; }
    public string Label { get; init; } = "server";
    public string[] Scenarios { get; init; } = ["rest", "streams", "groups"];
    public int[] RestClients { get; init; } = [1, 32];
    public int RestSeconds { get; init; } = 15;
    public int WarmupSeconds { get; init; } = 3;
    public int[] StreamCounts { get; init; } = [100, 1000, 2000];
    public int[] GroupCounts { get; init; } = [100, 1000];
    public int StreamsPerUser { get; init; } = 10;
    public int StreamTimeoutSeconds { get; init; } = 120;
    public int? ServerPid { get; init; }
    public string? JsonPath { get; init; }

    public const string Usage = """
        usage: ChatFake.Bench <base-url> [options]      run scenarios against a server speaking docs/API.md
               ChatFake.Bench compare <a.json> [b.json ...]   print the results side by side

          <base-url>               http://127.0.0.1:3000 (loopback only: localhost, 127.0.0.0/8, [::1])
          --label NAME             name of the server in the report (default: server)
          --scenarios LIST         rest,streams,groups (default: all three)
          --clients LIST           rest: concurrent clients per run (default: 1,32)
          --seconds T              rest: measured seconds per run (default: 15)
          --warmup T               rest: unmeasured seconds before each run (default: 3)
          --streams LIST           streams: concurrent personal streams per run (default: 100,1000,2000)
          --groups LIST            groups: concurrent group streams (3 bots) per run (default: 100,1000)
          --streams-per-user N     streams opened by one user (default: 10; servers cap at MAX_STREAMS_PER_USER)
          --stream-timeout T       a stream not finished after T seconds is an error (default: 120)
          --pid PID                server process to sample (threads, RSS, CPU) from /proc/PID
          --json FILE              also write the results as JSON (for compare)

        The server should run with RATE_LIMIT_AUTH_PER_MINUTE=0; AI_DELAY_SCALE=0 for rest and
        AI_DELAY_SCALE=1 for streams and groups (their replies then take a few seconds each).
        """;

    public static Options Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
            throw new ArgumentException("the base URL comes first");
        var options = new Options { BaseUrl = LoopbackUrl(args[0]) };
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--label" => options with { Label = value },
                "--scenarios" => options with { Scenarios = Known(value.Split(',', StringSplitOptions.TrimEntries)) },
                "--clients" => options with { RestClients = Counts(value) },
                "--seconds" => options with { RestSeconds = Count(value, 1, 3600) },
                "--warmup" => options with { WarmupSeconds = Count(value, 0, 600) },
                "--streams" => options with { StreamCounts = Counts(value) },
                "--groups" => options with { GroupCounts = Counts(value) },
                "--streams-per-user" => options with { StreamsPerUser = Count(value, 1, 10_000) },
                "--stream-timeout" => options with { StreamTimeoutSeconds = Count(value, 1, 3600) },
                "--pid" => options with { ServerPid = Count(value, 1, int.MaxValue) },
                "--json" => options with { JsonPath = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }

    /// <summary>Load goes to this machine only: anything but a loopback address is refused.</summary>
    static Uri LoopbackUrl(string text)
    {
        if (!Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException($"{text} is not an http:// URL");
        var loopback = uri.Host == "localhost" || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
            throw new ArgumentException($"{uri.Host} is not a loopback address; benchmarks only target this machine");
        return uri;
    }

    static string[] Known(string[] scenarios) =>
        scenarios.FirstOrDefault(s => s is not ("rest" or "streams" or "groups")) is { } unknown
            ? throw new ArgumentException($"unknown scenario {unknown} (rest, streams or groups)")
            : scenarios;

    static int[] Counts(string list) => list.Split(',', StringSplitOptions.TrimEntries).Select(v => Count(v, 1, 20_000)).ToArray();

    static int Count(string text, int min, int max) =>
        int.TryParse(text, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{text} is not a whole number in {min}..{max}");
}
