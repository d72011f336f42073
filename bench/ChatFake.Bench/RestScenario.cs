using System.Diagnostics;
using ChatFake.Client;

namespace ChatFake.Bench;

/// <summary>
/// N clients, each its own user, each looping: create a conversation, send a message (201 with
/// the reply; the server should run at AI_DELAY_SCALE=0), list the conversation's messages
/// (both must be there). A warm-up runs first and is not counted.
/// </summary>
public sealed class RestScenario(Setup setup, ServerProcess? server)
{
    static readonly string[] Routes = ["POST /conversations", "POST /conversations/{id}/messages", "GET /conversations/{id}/messages"];

    // Bounds each client's loop besides the clock, so that no run can go on forever.
    const int MaxIterationsPerClient = 1_000_000;

    public async Task<RestRun> RunAsync(int clients, int warmupSeconds, int seconds, CancellationToken ct)
    {
        var users = await setup.RegisterUsersAsync($"r{clients}", clients, ct);
        if (warmupSeconds > 0)
            await Task.WhenAll(users.Select(u => LoopAsync(u, TimeSpan.FromSeconds(warmupSeconds), null, new ErrorLog(), ct)));

        var errors = new ErrorLog();
        var load = Machine.LoadAverage();
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var (latencies, usage) = await ServerProcess.WhileRunningAsync(server, async () =>
        {
            var perClient = users.Select(_ => Routes.Select(_ => new List<double>()).ToArray()).ToArray();
            await Task.WhenAll(users.Select((u, i) => LoopAsync(u, TimeSpan.FromSeconds(seconds), perClient[i], errors, ct)));
            return perClient;
        });
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpu;

        var routes = Routes.Select((route, r) =>
        {
            var samples = latencies.SelectMany(client => client[r]).ToList();
            return new RouteStats(route, samples.Count, samples.Count / elapsed, Latency.Of(samples));
        }).ToArray();
        var requests = routes.Sum(r => r.Requests);
        return new RestRun(clients, elapsed, requests, errors.Count, requests / elapsed, routes, load, usage,
            benchCpu.TotalSeconds, errors.Samples());
    }

    /// <summary>One client until its time is up; latencies of successful requests go to <paramref name="record"/>.</summary>
    async Task LoopAsync(BenchUser user, TimeSpan duration, List<double>[]? record, ErrorLog errors, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; i < MaxIterationsPerClient && Stopwatch.GetTimestamp() < until; i++)
        {
            try
            {
                var content = $"benchmark message {i} from {user.Username}";
                var id = await TimedAsync(0, () => Setup.CreateConversationAsync(user, $"bench {i}", ct));
                await TimedAsync(1, () => user.Api.MessagesSendAsync(id, null, new() { Content = content }, ct));
                var messages = await TimedAsync(2, () => Setup.ListMessagesAsync(user, StreamKind.Personal, id, ct));
                if (messages.Length != 2 || messages[0] != content)
                    errors.Add($"conversation {id} lists {messages.Length} messages after one send");
            }
            catch (ChatFakeApiException e)
            {
                errors.Add($"{e.StatusCode}: {e.Response?[..Math.Min(200, e.Response.Length)]}");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                errors.Add("no answer within the request timeout");
            }
            catch (HttpRequestException e)
            {
                errors.Add($"HTTP: {e.Message}");
            }
        }

        async Task<T> TimedAsync<T>(int route, Func<Task<T>> request)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await request();
            record?[route].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
    }
}
