using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Tests.Groups.Messages;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// The durability promise (README, "What ChatFake promises"; ChatDb's remarks): a write the
/// API acknowledged survives kill -9 and a graceful stop, and a restart on the same file
/// serves it, with nothing half-written: a stream cut by the crash leaves its user message and
/// no torn reply. The app runs as a real process on a real port; several clients write
/// (accounts; conversations and messages, with streams open) and the process dies under them.
/// </summary>
public sealed class CrashTests : IDisposable
{
    const int Writers = 4;

    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "crash-" + Guid.NewGuid().ToString("N"));

    readonly ITestOutputHelper output;

    public CrashTests(ITestOutputHelper output)
    {
        this.output = output;
        Directory.CreateDirectory(directory);
    }

    string DatabasePath => Path.Combine(directory, "chatfake.db");

    string JournalPath => Path.Combine(directory, "chatfake-log.db");

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_kill_9_in_the_middle_of_writing()
    {
        IReadOnlyList<Account> acknowledged;
        await using (var app = await AppProcess.StartHealthyAsync(DatabasePath))
        {
            acknowledged = await WriteConcurrentlyAsync(app, stopAfter: 40, stopAsync: () =>
            {
                app.Kill();
                return Task.CompletedTask;
            });
        }

        // The journal still holds the writes (no checkpoint ran), so the restart below has to
        // recover them from it: this is the crash path, not a clean close.
        Assert.True(new FileInfo(JournalPath).Length > 0, "kill -9 should leave the committed writes in the journal");

        await using var restarted = await AppProcess.StartHealthyAsync(DatabasePath);
        await AssertEveryoneCanLogInAsync(restarted, acknowledged);
    }

    [UnixFact]
    public async Task Sigterm_finishes_the_writes_in_flight_checkpoints_the_journal_and_loses_nothing()
    {
        IReadOnlyList<Account> acknowledged;
        await using (var app = await AppProcess.StartHealthyAsync(DatabasePath))
        {
            var exitCode = -1;
            acknowledged = await WriteConcurrentlyAsync(app, stopAfter: 20, stopAsync: async () => exitCode = await app.TerminateAsync());
            Assert.True(exitCode == 0, $"exit code {exitCode}:\n{app.Output}");
        }

        // ChatDb.Dispose ran: the journal was copied into the data file and LiteDB deleted it.
        Assert.True(!File.Exists(JournalPath) || new FileInfo(JournalPath).Length == 0, "the journal should be checkpointed on SIGTERM");

        await using var restarted = await AppProcess.StartHealthyAsync(DatabasePath);
        await AssertEveryoneCanLogInAsync(restarted, acknowledged);
    }

    [Fact]
    public async Task A_second_process_on_the_same_database_file_refuses_to_start_and_the_first_keeps_serving()
    {
        await using var first = await AppProcess.StartHealthyAsync(DatabasePath);
        var (status, account) = await RegisterAsync(first.Client, "first" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(HttpStatusCode.Created, status);

        await using var second = AppProcess.Start(DatabasePath);
        Assert.NotEqual(0, await second.WaitForExitAsync());
        Assert.Contains("in use by another ChatFake process", second.Output);

        await first.WaitUntilHealthyAsync();
        await AssertEveryoneCanLogInAsync(first, [account!]);
    }

    [Fact]
    public async Task Kill_9_under_sustained_writes_and_open_streams_keeps_every_acknowledged_write_and_tears_nothing()
    {
        var writes = new Acknowledged();
        await using (var app = await AppProcess.StartHealthyAsync(DatabasePath, new Dictionary<string, string?> { ["AI_DELAY_SCALE"] = "1" }))
        {
            var users = new List<Writer>();
            for (var i = 0; i < Writers; i++)
                users.Add(await Writer.RegisterAsync(app.Client, $"s{i}x{Guid.NewGuid().ToString("N")[..8]}"));

            // Set just before the kill, so that the clients take what follows for the crash; no
            // request is cancelled by it (a client leaving would let the server clean up).
            using var killed = new CancellationTokenSource();
            var writing = users.Select(user => Task.Run(() => user.WriteUntilAsync(writes, killed.Token))).ToList();
            await writes.AtLeastAsync(Writers * 3);

            // Streams, each in a thread of its own: slow replies (delays x5), group replies, and
            // a timeout scenario that holds its stream before any chunk. All are under way when
            // the process dies: every one has sent its user message, the replies a few chunks.
            var streams = new List<OpenStream>();
            foreach (var user in users)
            {
                streams.Add(await user.StreamAsync(writes, group: false, "slow", killed.Token));
                streams.Add(await user.StreamAsync(writes, group: true, "slow", killed.Token));
                streams.Add(await user.StreamAsync(writes, group: false, "timeout", killed.Token));
            }
            await Task.WhenAll(streams.Select(s => s.UnderWay.Task)).WaitAsync(TimeSpan.FromMinutes(1));
            await writes.AtLeastAsync(writes.Count + Writers * 2);

            await killed.CancelAsync();
            app.Kill();
            await Task.WhenAll(writing.Concat(streams.Select(s => s.Reading))).WaitAsync(TimeSpan.FromMinutes(1));
            foreach (var user in users) user.Dispose();
        }
        Assert.True(new FileInfo(JournalPath).Length > 0, "kill -9 should leave the committed writes in the journal");

        await using (var restarted = await AppProcess.StartHealthyAsync(DatabasePath))
        {
            var failures = new List<string>();
            foreach (var (token, expected) in writes.ByUser())
            {
                using var client = new HttpClient { BaseAddress = restarted.Client.BaseAddress };
                client.DefaultRequestHeaders.Authorization = new("Bearer", token);
                await AssertStoredAsync(client, expected, failures);
            }
            Assert.True(failures.Count == 0, $"{failures.Count} problems after the restart ({writes.Count} acknowledged writes):\n{string.Join('\n', failures)}");
            output.WriteLine($"{writes.Count} acknowledged writes and {Writers * 3} open streams survived kill -9");
        }

        // And in the file itself: every message belongs to a conversation or group that exists,
        // and every stored message is whole.
        using var db = new ChatDb(Options.Create(new DatabaseOptions { Path = DatabasePath }));
        var threads = db.Conversations.FindAll().Select(c => c.Id).Concat(db.Groups.FindAll().Select(g => g.Id)).ToHashSet();
        Assert.All(db.Messages.FindAll(), m =>
        {
            var thread = m.ConversationId ?? m.GroupConversationId!;
            Assert.Contains(thread, threads);
            // LiteDB stores dates to the millisecond; the position keeps the clock's ticks.
            Assert.StartsWith(thread + "|", m.Position);
            var ticks = long.Parse(m.Position[(thread.Length + 1)..]);
            Assert.Equal(m.CreatedAt, new DateTime(ticks - ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc));
        });
    }

    /// <summary>What the restarted app must show one user: every acknowledged write, and whole
    /// messages only, each reply the one its model or bot gives (or, interrupted, a prefix of it).</summary>
    static async Task AssertStoredAsync(HttpClient client, IReadOnlyList<Write> expected, List<string> failures)
    {
        var threads = new Dictionary<string, List<JsonNode>>();
        foreach (var list in new[] { "/api/conversations", "/api/group-conversations" })
        foreach (var thread in await ReadAllAsync(client, list))
            threads[(string)thread["id"]!] = await ReadAllAsync(client, $"{list}/{thread["id"]}/messages");

        foreach (var write in expected)
        {
            switch (write)
            {
                case Write.Created(var id, var title):
                    if (!threads.ContainsKey(id)) failures.Add($"acknowledged conversation or group {id} ({title}) is gone");
                    break;
                case Write.Stored(var thread, var message, var whole):
                    var stored = threads.GetValueOrDefault(thread)?.FirstOrDefault(m => (string?)m["id"] == (string?)message["id"]);
                    if (stored is null)
                        failures.Add($"acknowledged message {message["id"]} ({message["content"]}) is gone");
                    else if (whole ? stored.ToJsonString() != message.ToJsonString() : (string?)stored["content"] != (string?)message["content"])
                        failures.Add($"message {message["id"]} was acknowledged as {message.ToJsonString()}, reads {stored.ToJsonString()}");
                    break;
            }
        }

        foreach (var (thread, messages) in threads)
        {
            string? asked = null;
            foreach (var message in messages)
            {
                var problem = WholenessProblem(message, asked);
                if (problem is not null) failures.Add($"thread {thread}: {problem}: {message.ToJsonString()}");
                if ((string?)message["sender_type"] == "user") asked = (string?)message["content"];
            }
        }
    }

    /// <summary>Why <paramref name="message"/> is not a whole message, or null. A reply must be
    /// what its model or bot says to <paramref name="asked"/>, or a prefix of it when interrupted.</summary>
    static string? WholenessProblem(JsonNode message, string? asked)
    {
        if (!message.AsObject().Select(p => p.Key).SequenceEqual(GroupMessageSteps.MessageFields)) return "fields";
        var (personal, group) = ((string?)message["conversation_id"], (string?)message["group_conversation_id"]);
        var (senderId, senderType, content) = ((string?)message["sender_id"], (string?)message["sender_type"], (string?)message["content"]);
        var (aiError, error) = ((int?)message["ai_error"], (string?)message["error_message"]);
        if (string.IsNullOrEmpty((string?)message["id"]) || (personal is null) == (group is null) || string.IsNullOrEmpty(senderId)
            || string.IsNullOrEmpty((string?)message["sender_name"]) || string.IsNullOrEmpty(content)
            || !DateTime.TryParseExact((string?)message["created_at"], "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", null, System.Globalization.DateTimeStyles.None, out _))
            return "a field is missing or malformed";
        if (!(aiError == 0 && error is null || aiError == 1 && !string.IsNullOrEmpty(error))) return "ai_error and error_message disagree";
        if (senderType == "user") return (string?)message["model_id"] is null ? null : "model_id on a user message";
        if (senderType != "bot" || asked is null) return "neither a user message nor a reply to one";
        if ((string?)message["model_id"] != (personal is null ? null : senderId)) return "model_id";
        var reply = personal is null ? ReplyComposer.ForBot(senderId!, asked).Text : ReplyComposer.ForModel(senderId!, asked).Text;
        return aiError == 0 && content == reply || aiError == 1 && error == "interrupted" && reply.StartsWith(content!, StringComparison.Ordinal)
            ? null : "the reply is not the one for its message";
    }

    static async Task<List<JsonNode>> ReadAllAsync(HttpClient client, string url)
    {
        var all = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var items = (await (await client.GetAsync($"{url}?limit=100&page={page}")).AssertDataAsync()).AsArray();
            if (items.Count == 0) return all;
            all.AddRange(items.Select(i => i!));
        }
    }

    /// <summary>A write the API acknowledged: a conversation or group it created (201), or a
    /// message it stored (a send's 201, a stream's userMessage event). <c>Whole</c>: the
    /// message must read back exactly as acknowledged; else (a stream's user message, which
    /// the stream may still mark) its content must.</summary>
    abstract record Write
    {
        public sealed record Created(string Id, string Title) : Write;
        public sealed record Stored(string ThreadId, JsonNode Message, bool Whole) : Write;
    }

    sealed class Acknowledged
    {
        readonly ConcurrentQueue<(string Token, Write Write)> writes = new();
        readonly Lock gate = new();
        readonly List<(int Count, TaskCompletionSource Reached)> waiting = [];

        public int Count => writes.Count;

        public void Add(string token, Write write)
        {
            writes.Enqueue((token, write));
            lock (gate)
                foreach (var (count, reached) in waiting)
                    if (writes.Count >= count) reached.TrySetResult();
        }

        public Task AtLeastAsync(int count)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                waiting.Add((count, reached));
                if (writes.Count >= count) reached.TrySetResult();
            }
            return reached.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }

        public IEnumerable<(string Token, IReadOnlyList<Write> Writes)> ByUser() =>
            writes.GroupBy(w => w.Token).Select(g => (g.Key, (IReadOnlyList<Write>)g.Select(w => w.Write).ToList()));
    }

    /// <summary>A stream being read: <c>UnderWay</c> completes once its user message arrived
    /// and, unless it waits for a timeout, a few chunks of the reply.</summary>
    sealed record OpenStream(TaskCompletionSource UnderWay, Task Reading);

    /// <summary>One user of the app, writing through its own connection.</summary>
    sealed class Writer(HttpClient http, string token, string name) : IDisposable
    {
        public static async Task<Writer> RegisterAsync(HttpClient anonymous, string name)
        {
            var data = await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/auth/register",
                new { username = name, email = $"{name}@example.com", password = "secret123" })).AssertDataAsync(HttpStatusCode.Created);
            var token = (string)data["token"]!;
            var http = new HttpClient { BaseAddress = anonymous.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return new Writer(http, token, name);
        }

        int threads;

        /// <summary>A conversation with a few messages, again and again, each write after the
        /// previous one was acknowledged, until the process is <paramref name="killed"/>.</summary>
        public async Task WriteUntilAsync(Acknowledged writes, CancellationToken killed)
        {
            try
            {
                while (!killed.IsCancellationRequested)
                {
                    var conversation = await CreateAsync(writes, "/api/conversations", new { title = $"{name} {threads}", modelId = Models[threads % Models.Length] });
                    for (var i = 0; i < 3 && !killed.IsCancellationRequested; i++)
                    {
                        using var response = await http.SendJsonAsync(HttpMethod.Post, $"/api/conversations/{conversation}/messages",
                            new { content = $"{name} message {i} in {conversation}" });
                        var data = await response.AssertDataAsync(HttpStatusCode.Created);
                        writes.Add(token, new Write.Stored(conversation, data["userMessage"]!, Whole: true));
                        writes.Add(token, new Write.Stored(conversation, data["aiMessage"]!, Whole: true));
                    }
                }
            }
            catch (Exception) when (killed.IsCancellationRequested)
            {
                // The process is gone: the write in flight was never acknowledged.
            }
        }

        /// <summary>Starts a stream to a new conversation or group of this user.</summary>
        public async Task<OpenStream> StreamAsync(Acknowledged writes, bool group, string scenario, CancellationToken killed)
        {
            var thread = group
                ? await CreateAsync(writes, "/api/group-conversations", new { name = $"{name} group {threads}", botIds = new[] { "bot-cs", "bot-funny" } })
                : await CreateAsync(writes, "/api/conversations", new { title = $"{name} stream {threads}", modelId = "gpt-4" });
            var url = group ? $"/api/group-conversations/{thread}/messages/stream" : $"/api/conversations/{thread}/messages/stream";
            var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reading = Task.Run(async () =>
            {
                try
                {
                    using var response = await http.PostStreamAsync(url, new { content = $"{name} tell me a long story, {scenario}" }, scenario);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    var chunks = 0;
                    await foreach (var frame in Sse.ReadAsync(await response.Content.ReadAsStreamAsync()))
                    {
                        if (frame.Type == "userMessage")
                            writes.Add(token, new Write.Stored(thread, frame.Data["data"]!, Whole: false));
                        else if (frame.Type == "aiMessageChunk") chunks++;
                        if (frame.Type == "userMessage" && scenario == "timeout" || chunks == 3) underWay.TrySetResult();
                    }
                    underWay.TrySetException(new InvalidOperationException($"the {scenario} stream to {url} ended before the crash"));
                }
                catch (Exception) when (killed.IsCancellationRequested)
                {
                    // The process is gone, and the stream with it.
                }
                catch (Exception e)
                {
                    underWay.TrySetException(e);
                }
            });
            return new OpenStream(underWay, reading);
        }

        async Task<string> CreateAsync(Acknowledged writes, string area, object body)
        {
            using var response = await http.SendJsonAsync(HttpMethod.Post, area, body);
            var created = await response.AssertDataAsync(HttpStatusCode.Created);
            var id = (string)created["id"]!;
            writes.Add(token, new Write.Created(id, (string)(created["title"] ?? created["name"])!));
            Interlocked.Increment(ref threads);
            return id;
        }

        public void Dispose() => http.Dispose();

        static readonly string[] Models = ["gpt-4", "gpt-3.5-turbo", "claude-3-opus"];
    }

    sealed record Account(string Id, string Email, string Password);

    /// <summary>
    /// <see cref="Writers"/> clients register users as fast as they can; once
    /// <paramref name="stopAfter"/> were acknowledged, <paramref name="stopAsync"/> ends the
    /// process while the clients keep writing. Returns every write acknowledged with 201.
    /// </summary>
    static async Task<IReadOnlyList<Account>> WriteConcurrentlyAsync(AppProcess app, int stopAfter, Func<Task> stopAsync)
    {
        var acknowledged = new ConcurrentQueue<Account>();
        var unexpected = new ConcurrentQueue<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = false;

        async Task WriteAsync(int writer)
        {
            for (var i = 0; !Volatile.Read(ref stopped); i++)
            {
                try
                {
                    var (status, account) = await RegisterAsync(app.Client, $"w{writer}n{i}x{Guid.NewGuid().ToString("N")[..6]}");
                    if (account is not null)
                    {
                        acknowledged.Enqueue(account);
                        if (acknowledged.Count >= stopAfter) enough.TrySetResult();
                    }
                    else if (!Volatile.Read(ref stopped))
                    {
                        unexpected.Enqueue($"register answered {(int)status}");
                        enough.TrySetResult();
                        return;
                    }
                }
                catch (HttpRequestException) when (Volatile.Read(ref stopped))
                {
                    return; // the process is gone: this write was never acknowledged
                }
                catch (Exception e) when (!Volatile.Read(ref stopped))
                {
                    unexpected.Enqueue(e.Message);
                    enough.TrySetResult();
                    return;
                }
            }
        }

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))).ToArray();
        await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(unexpected);
        Volatile.Write(ref stopped, true);
        await stopAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(unexpected);
        Assert.True(acknowledged.Count >= stopAfter);
        return acknowledged.ToList();
    }

    /// <summary>Registers a user; the account only when the write was acknowledged (201).</summary>
    static async Task<(HttpStatusCode Status, Account? Account)> RegisterAsync(HttpClient client, string username)
    {
        var password = "pw-" + username;
        using var response = await client.PostAsJsonAsync("/api/auth/register",
            new { username, email = $"{username}@example.com", password });
        if (response.StatusCode != HttpStatusCode.Created) return (response.StatusCode, null);
        var data = await response.AssertDataAsync(HttpStatusCode.Created);
        return (response.StatusCode, new Account((string)data["user"]!["id"]!, $"{username}@example.com", password));
    }

    static async Task AssertEveryoneCanLogInAsync(AppProcess app, IReadOnlyList<Account> accounts)
    {
        var missing = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (account, ct) =>
        {
            using var response = await app.Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password }, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK || !text.Contains(account.Id))
                missing.Enqueue($"{account.Email}: {(int)response.StatusCode} {text}");
        });
        Assert.True(missing.IsEmpty, $"{missing.Count} of {accounts.Count} acknowledged writes lost:\n{string.Join('\n', missing)}");
    }
}
