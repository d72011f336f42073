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
