using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// What ChatFake logs: one structured line per request (method, route pattern, status,
/// duration, user id) and never a password, a token or an Authorization header; bad input is
/// no error in the log; at start-up, where it listens and which database file it serves.
/// </summary>
public sealed class LoggingTests : IDisposable
{
    readonly App app = new();
    readonly LogCapture log = new();
    readonly WebApplicationFactory<Program> logged;

    public LoggingTests() =>
        logged = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(log)));

    public void Dispose()
    {
        logged.Dispose();
        app.Dispose();
    }

    [Fact]
    public async Task Each_request_is_one_structured_line_with_route_status_duration_and_user_and_no_secrets()
    {
        var client = logged.CreateClient();
        var name = "log" + Guid.NewGuid().ToString("N")[..10];
        const string password = "Secret-Password-4711";
        var registered = await (await client.SendJsonAsync(HttpMethod.Post, "/api/auth/register",
            new { username = name, email = $"{name}@example.com", password })).AssertDataAsync(HttpStatusCode.Created);
        var token = (string)registered["token"]!;
        var userId = (string)registered["user"]!["id"]!;
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/auth/login", new { email = $"{name}@example.com", password = "Wrong-Password-0815" }))
            .AssertErrorAsync(HttpStatusCode.Unauthorized);
        var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me?debug=" + password);
        me.Headers.Authorization = new("Bearer", token);
        await (await client.SendAsync(me)).AssertDataAsync();
        await (await client.GetAsync("/api/nothing-here")).AssertErrorAsync(HttpStatusCode.NotFound);

        var requests = log.Entries.Where(e => e.Category == "ChatFake.Requests").ToList();
        Assert.Equal(4, requests.Count);
        AssertRequest(requests[0], "POST", "/api/auth/register", 201, "anonymous");
        AssertRequest(requests[1], "POST", "/api/auth/login", 401, "anonymous");
        AssertRequest(requests[2], "GET", "/api/auth/me", 200, userId);
        AssertRequest(requests[3], "GET", "/api/nothing-here", 404, "anonymous");

        var everything = string.Join('\n', log.Entries.Select(e => e.Message + " " + string.Join(' ', e.State.Values)));
        foreach (var secret in new[] { password, "Wrong-Password-0815", token, token.Split('.')[2], "Bearer" })
            Assert.DoesNotContain(secret, everything);
    }

    [Fact]
    public async Task A_body_too_large_is_logged_as_a_413_request_not_as_an_error()
    {
        var response = await logged.CreateClient().SendRawAsync(HttpMethod.Post, "/api/auth/register", new string(' ', 1024 * 1024 + 1));
        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error);
        AssertRequest(Assert.Single(log.Entries, e => e.Category == "ChatFake.Requests"), "POST", "/api/auth/register", 413, "anonymous");
    }

    [Fact]
    public async Task At_start_up_it_says_where_it_listens_and_which_database_file_it_serves()
    {
        var directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "startlog-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(directory, "chatfake.db");
        try
        {
            await using var process = await AppProcess.StartHealthyAsync(database);
            Assert.Contains($"ChatFake is listening on http://localhost:{process.Port}", process.Output);
            Assert.Contains($"Database {database} open", process.Output);
            Assert.Contains(Path.Combine(directory, "chatfake-log.db"), process.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task In_production_each_request_is_one_console_line_written_without_a_lock()
    {
        var directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "prodlog-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var process = await AppProcess.StartHealthyAsync(Path.Combine(directory, "chatfake.db"),
                new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
            await (await process.Client.GetAsync("/api/nothing-here")).AssertErrorAsync(HttpStatusCode.NotFound);

            // Infrastructure/Http/ConsoleLines.cs writes what has gathered every few milliseconds.
            var line = await Poll.UntilAsync(() => Task.FromResult(process.Output.Split('\n')
                .FirstOrDefault(l => l.Contains("GET /api/nothing-here answered 404 in "))), "the request's log line");
            Assert.StartsWith("info: ChatFake.Requests[", line);
            Assert.EndsWith(" ms for anonymous", line);
            Assert.Contains($"ChatFake is listening on http://localhost:{process.Port}", process.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    static void AssertRequest(LogEntry entry, string method, string route, int status, string user)
    {
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(method, entry.State["Method"]);
        Assert.Equal(route, entry.State["Route"]);
        Assert.Equal(status, entry.State["Status"]);
        Assert.IsType<double>(entry.State["DurationMs"]);
        Assert.Equal(user, entry.State["UserId"]);
        Assert.StartsWith($"{method} {route} answered {status} in ", entry.Message);
    }

    sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State);

    sealed class LogCapture : ILoggerProvider
    {
        readonly ConcurrentQueue<LogEntry> entries = new();

        public IReadOnlyList<LogEntry> Entries => entries.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose() { }

        sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var fields = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
                var message = new StringBuilder(formatter(state, exception));
                if (exception is not null) message.Append('\n').Append(exception);
                entries.Enqueue(new LogEntry(category, logLevel, message.ToString(), fields.ToDictionary(f => f.Key, f => f.Value)));
            }
        }
    }
}
