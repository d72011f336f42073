using System.Text.Json;
using ChatFake.Bench;
using ChatFake.Client;

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    WriteIndented = true,
    NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
};

if (args is ["compare", .. var files] && files.Length > 0)
{
    // run.sh runs each scenario as its own invocation, alternating servers: one report per server.
    var reports = files.Select(f => JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(f), json)!)
        .GroupBy(r => r.Label)
        .Select(g => g.First() with { Rest = g.SelectMany(r => r.Rest).ToList(), Streams = g.SelectMany(r => r.Streams).ToList() })
        .ToList();
    Console.Write(Tables.Render(reports));
    return 0;
}

if (args is ["growth-seed", var database, var sizeText, var seededPath] && int.TryParse(sizeText, out var size))
{
    Growth.Write(seededPath, Growth.Seed(database, size));
    return 0;
}

if (args is ["growth", var url, var requestsText, .. var dataPaths] && int.TryParse(requestsText, out var requests) && dataPaths.Length > 0)
{
    // One server per database: run.sh starts it on each seeded file in turn and passes its results on.
    using var growthConnections = new Connections(Options.Parse([url]).BaseUrl);
    var costs = new List<Growth.ListCost>();
    foreach (var dataPath in dataPaths)
        costs.AddRange(await Growth.MeasureAsync(new Setup(growthConnections), Growth.Read(dataPath), requests, CancellationToken.None));
    File.WriteAllText(dataPaths[0] + ".costs.json", JsonSerializer.Serialize(costs, json));
    return 0;
}

if (args is ["prepare", var prepareUrl, var envPath])
{
    // The data the wrk runs of run.sh read (AI_DELAY_SCALE=0): a user with 1,000 conversations,
    // one of which holds 2,000 messages (1,000 sends, each with its reply).
    using var prepareConnections = new Connections(Options.Parse([prepareUrl]).BaseUrl);
    var prepareSetup = new Setup(prepareConnections);
    var name = $"wrk{Random.Shared.Next(1_000_000):D6}";
    var owner = await prepareSetup.RegisterAsync(name, CancellationToken.None);
    var threads = await prepareSetup.CreateThreadsAsync([owner], 1000, 1000,
        (u, i, ct) => Setup.CreateConversationAsync(u, $"wrk {i}", ct), CancellationToken.None);
    await Setup.ForEachAsync(1000, async (i, ct) =>
        await owner.Api.MessagesSendAsync(threads[0], null, new() { Content = $"wrk message {i}" }, ct), CancellationToken.None);
    File.WriteAllText(envPath, $"TOKEN={owner.Http.DefaultRequestHeaders.Authorization!.Parameter}\nCONVERSATION={threads[0]}\n" +
        $"EMAIL={name}@bench.test\nPASSWORD={Setup.Password}\n");
    return 0;
}

if (args is ["growth-table", .. var costFiles] && costFiles.Length > 0)
{
    Console.Write(Growth.Table(costFiles.SelectMany(f => JsonSerializer.Deserialize<List<Growth.ListCost>>(File.ReadAllText(f), json)!)));
    return 0;
}

if (args is [] or ["--help" or "-h"])
{
    Console.WriteLine(Options.Usage);
    return args.Length == 0 ? 2 : 0;
}

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

// Every run is bounded: each request and stream has its own timeout, and Ctrl+C stops it all.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

var report = new BenchReport(options.Label, options.BaseUrl.ToString(), DateTimeOffset.UtcNow, Machine.Describe(), [], []);
var server = options.ServerPid is { } pid ? new ServerProcess(pid) : null;
using var connections = new Connections(options.BaseUrl);
var setup = new Setup(connections);
var finished = true;

try
{
    if (options.Scenarios.Contains("rest"))
    {
        var rest = new RestScenario(setup, server);
        foreach (var clients in options.RestClients)
        {
            Console.Error.WriteLine($"[{options.Label}] rest: {clients} clients, {options.WarmupSeconds} s warm-up + {options.RestSeconds} s");
            report.Rest.Add(await rest.RunAsync(clients, options.WarmupSeconds, options.RestSeconds, stop.Token));
        }
    }
    foreach (var (kind, counts) in new[] { (StreamKind.Personal, options.StreamCounts), (StreamKind.Group, options.GroupCounts) })
    {
        if (!options.Scenarios.Contains(kind.Name)) continue;
        var scenario = new StreamScenario(setup, server, kind, options.StreamsPerUser, TimeSpan.FromSeconds(options.StreamTimeoutSeconds));
        foreach (var k in counts)
        {
            Console.Error.WriteLine($"[{options.Label}] {kind.Name}: {k} at once");
            report.Streams.Add(await scenario.RunAsync(k, stop.Token));
        }
    }
}
catch (Exception e) when (e is UnexpectedResponse or ChatFakeApiException or HttpRequestException or OperationCanceledException)
{
    // Setup failed (the server refused a user or a thread) or the run was stopped: keep what was measured.
    Console.Error.WriteLine($"[{options.Label}] stopped: {e.Message}");
    finished = false;
}

Console.Write(Tables.Render([report]));
if (options.JsonPath is { } path)
    File.WriteAllText(path, JsonSerializer.Serialize(report, json));
return finished && report.Rest.Sum(r => r.Errors) + report.Streams.Sum(s => s.Errors) == 0 ? 0 : 1;
