using System.Text;

namespace ChatFake.Bench;

/// <summary>The results of one or more servers as Markdown tables, the same run of each server side by side.</summary>
public static class Tables
{
    public static string Render(IReadOnlyList<BenchReport> reports)
    {
        var text = new StringBuilder();
        foreach (var report in reports)
            text.AppendLine($"- {report.Label}: {report.Url}, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.Machine}");

        var rest = reports.SelectMany(r => r.Rest.Select(run => (r.Label, run))).OrderBy(x => x.run.Clients).ToList();
        if (rest.Count > 0)
        {
            text.AppendLine()
                .AppendLine("REST: create conversation, send message, list messages, in a loop per client (AI_DELAY_SCALE=0)")
                .AppendLine()
                .AppendLine("| clients | server | load | req/s | create p50/p95/p99 ms | send p50/p95/p99 ms | list p50/p95/p99 ms | errors | server CPU ms/req | threads | RSS MB | bench CPU s |")
                .AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (label, run) in rest)
            {
                var server = run.Server;
                text.AppendLine($"| {run.Clients} | {label} | {run.Load:F1} | {run.PerSecond:F0} | {string.Join(" | ", run.Routes.Select(r => Ms(r.Latency)))} | {run.Errors} " +
                                $"| {(server is null ? "-" : $"{server.CpuSeconds * 1000 / Math.Max(1, run.Requests):F2}")} " +
                                $"| {(server is null ? "-" : $"{server.ThreadsMax}")} | {(server is null ? "-" : $"{server.RssMaxMb:F0}")} | {run.BenchCpuSeconds:F1} |");
            }
        }

        var streams = reports.SelectMany(r => r.Streams.Select(run => (r.Label, run)))
            .OrderBy(x => x.run.Kind != "streams").ThenBy(x => x.run.Streams).ToList();
        if (streams.Count > 0)
        {
            text.AppendLine()
                .AppendLine("Streams held open at once (AI_DELAY_SCALE=1): personal (1 reply) and groups (3 bots, 3 replies)")
                .AppendLine()
                .AppendLine("| kind | K | server | load | ok | errors | stored ok | peak open | SYN drops | headers p50/p95 ms | first chunk p50/p95/p99 ms | chunk gap p50/p99 ms | on-time chunks/s | ms/chunk p50 | chunks/stream | stream p50/p95/max s | wall s | threads before→max | RSS before→max MB | server CPU s | CPU µs/chunk | bench CPU s |")
                .AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (label, run) in streams)
            {
                var server = run.Server;
                var chunks = run.ChunksPerStream * run.Completed;
                text.AppendLine($"| {run.Kind} | {run.Streams} | {label} | {run.Load:F1} | {run.Completed} | {run.Errors} | {run.StoredOk} | {run.PeakOpen} | {run.ListenOverflows} " +
                                $"| {run.TimeToHeaders.P50Ms:F0} / {run.TimeToHeaders.P95Ms:F0} " +
                                $"| {run.TimeToFirstChunk.P50Ms:F0} / {run.TimeToFirstChunk.P95Ms:F0} / {run.TimeToFirstChunk.P99Ms:F0} " +
                                $"| {run.ChunkGap.P50Ms:F0} / {run.ChunkGap.P99Ms:F0} | {run.OnTimeChunksPerSecond:F0} | {run.MsPerChunkP50:F1} | {run.ChunksPerStream:F0} " +
                                $"| {run.Duration.P50Ms / 1000:F1} / {run.Duration.P95Ms / 1000:F1} / {run.Duration.MaxMs / 1000:F1} | {run.WallSeconds:F1} " +
                                $"| {(server is null ? "-" : $"{server.ThreadsBefore}→{server.ThreadsMax}")} " +
                                $"| {(server is null ? "-" : $"{server.RssBeforeMb:F0}→{server.RssMaxMb:F0}")} " +
                                $"| {(server is null ? "-" : $"{server.CpuSeconds:F1}")} " +
                                $"| {(server is null || chunks == 0 ? "-" : $"{server.CpuSeconds * 1e6 / chunks:F0}")} | {run.BenchCpuSeconds:F1} |");
            }
        }

        var failures = reports.SelectMany(r => r.Rest.SelectMany(run => run.ErrorSamples.Select(e => $"{r.Label} rest {run.Clients} clients: {e}"))
            .Concat(r.Streams.SelectMany(run => run.ErrorSamples.Select(e => $"{r.Label} {run.Kind} K={run.Streams}: {e}")))).ToList();
        if (failures.Count > 0)
        {
            text.AppendLine().AppendLine("First errors of each run:");
            foreach (var failure in failures)
                text.AppendLine($"- {failure}");
        }
        return text.ToString();
    }

    static string Ms(Latency l) => $"{l.P50Ms:F1} / {l.P95Ms:F1} / {l.P99Ms:F1}";
}
