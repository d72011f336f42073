using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace ChatFake.Tests.Packaging;

/// <summary>
/// The deployment guide's nginx setup (docs/nginx/chatfake.conf, the very file the guide tells
/// you to install) in front of the real app, with Debian's nginx (.ci/run installs it).
/// </summary>
public sealed class NginxTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("chatfake-nginx-").FullName;

    [NginxFact]
    public async Task A_stream_through_the_guides_nginx_config_arrives_event_by_event()
    {
        await using var app = await AppProcess.StartHealthyAsync(Path.Combine(folder, "chatfake.db"),
            new Dictionary<string, string?> { ["AI_DELAY_SCALE"] = "0.3" });
        var port = Npx.FreePort();
        await using var nginx = StartNginx(port, app.Port);
        // Like a browser, the client accepts gzip.
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await WaitUntilProxyingAsync(client, nginx);

        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "test@test.com", password = "123456" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (string)(await login.ReadJsonAsync())["data"]!["token"]!);
        using var created = await client.PostAsJsonAsync("/api/conversations", new { title = "through nginx" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var conversation = (string)(await created.ReadJsonAsync())["data"]!["id"]!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversation}/messages/stream")
        {
            Content = JsonContent.Create(new { content = "Tell me about reverse proxies" }),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        // Each read returns what has arrived so far: buffered by the proxy, the whole reply would
        // come in one or two reads at the end; unbuffered, the chunks come in reads of their own.
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new StringBuilder();
        var readsWithChunks = 0;
        var buffer = new byte[64 * 1024];
        while (!received.ToString().Contains("\"aiMessageEnd\""))
        {
            var n = await body.ReadAsync(buffer);
            Assert.True(n > 0, $"the stream ended before aiMessageEnd:\n{received}");
            var text = Encoding.UTF8.GetString(buffer, 0, n);
            if (text.Contains("\"aiMessageChunk\"") && !text.Contains("\"aiMessageEnd\"")) readsWithChunks++;
            received.Append(text);
        }
        var chunkFrames = received.ToString().Split("\"aiMessageChunk\"").Length - 1;
        Assert.True(chunkFrames >= 10, $"a reply of {chunkFrames} chunks is too short to tell:\n{received}");
        Assert.True(readsWithChunks >= chunkFrames / 2,
            $"{chunkFrames} chunks arrived in only {readsWithChunks} reads before the end: nginx buffered the stream");
    }

    Nginx StartNginx(int port, int upstreamPort)
    {
        var site = File.ReadAllText(Path.Combine(Repository.Root, "docs", "nginx", "chatfake.conf"));
        Assert.Contains("listen 80;", site);
        Assert.Contains("server 127.0.0.1:3000;", site);
        File.WriteAllText(Path.Combine(folder, "chatfake.conf"), site
            .Replace("listen 80;", $"listen 127.0.0.1:{port};")
            .Replace("server 127.0.0.1:3000;", $"server 127.0.0.1:{upstreamPort};"));
        // An http block like Debian's nginx.conf, with gzip switched on for every type as many
        // sites do (gzip holds a stream back until its buffer fills), and the paths moved into
        // the test's folder.
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log stderr;
            events { worker_connections 64; }
            http {
                access_log off;
                gzip on;
                gzip_types *;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/chatfake.conf;
            }
            """);
        var start = new ProcessStartInfo(NginxFactAttribute.Binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", "stderr" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var nginx = new Nginx(process);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) nginx.Log.Enqueue(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) nginx.Log.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return nginx;
    }

    static async Task WaitUntilProxyingAsync(HttpClient client, Nginx nginx)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await client.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            Assert.False(nginx.Process.HasExited, $"nginx exited ({(nginx.Process.HasExited ? nginx.Process.ExitCode : 0)}):\n{string.Join('\n', nginx.Log)}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"nginx did not proxy /health:\n{string.Join('\n', nginx.Log)}");
            await Task.Delay(50);
        }
    }

    sealed record Nginx(Process Process) : IAsyncDisposable
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                // SIGTERM: nginx's fast shutdown, which also ends its worker.
                Npx.Signal(Process.Id, Npx.SIGTERM);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await Process.WaitForExitAsync(deadline.Token);
            }
            Process.Dispose();
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Runs only where nginx is installed (.ci/run installs Debian's).</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public static readonly string? Binary = new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    public NginxFactAttribute()
    {
        if (Binary is null) Skip = "nginx is not installed (apt-get install nginx; .ci/run does)";
    }
}
