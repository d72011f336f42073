using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// A disk that fills up on cue, beneath LiteDB: each database file is wrapped, and once armed
/// the disk takes a given number of page writes more; the next one gets half its bytes onto
/// the file and then fails as a full disk does (ENOSPC), and so does every write after it.
/// </summary>
public sealed class FullDisk
{
    const int Unarmed = int.MaxValue;

    int writesLeft = Unarmed;
    int writes;

    /// <summary>Writes that reached the files so far.</summary>
    public int Writes => Volatile.Read(ref writes);

    /// <summary>The disk takes <paramref name="writes"/> more writes, then it is full.</summary>
    public void FullAfter(int writes) => Volatile.Write(ref writesLeft, writes);

    public Stream Wrap(Stream file) => new File(file, this);

    bool TakeWrite()
    {
        if (Volatile.Read(ref writesLeft) != Unarmed && Interlocked.Decrement(ref writesLeft) < 0) return false;
        Interlocked.Increment(ref writes);
        return true;
    }

    sealed class File(Stream inner, FullDisk disk) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (disk.TakeWrite())
            {
                inner.Write(buffer, offset, count);
                return;
            }
            inner.Write(buffer, offset, count / 2);
            throw new IOException("No space left on device");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>The operations a full disk may interrupt, as a user does them, and what the API
/// acknowledged (a 2xx, or for a stream the events it sent), to be found after a restart.</summary>
public sealed class Acknowledged(HttpClient http)
{
    public const string Content4000 = "一二三四五六七八九十";

    readonly HashSet<string> conversations = [];
    readonly HashSet<string> deleted = [];
    readonly List<(string Conversation, string Message)> messages = [];

    public HttpClient Http => http;

    public IReadOnlyCollection<string> Conversations => conversations;

    public static async Task<Acknowledged> RegisterAsync(HttpClient http)
    {
        var username = "d" + Guid.NewGuid().ToString("N")[..12];
        var response = await http.PostAsJsonAsync("/api/auth/register",
            new { username, email = $"{username}@example.com", password = "secret123" });
        var data = await response.AssertDataAsync(HttpStatusCode.Created);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)data["token"]!);
        return new Acknowledged(http);
    }

    /// <summary>Runs one operation of <paramref name="kind"/>; the failure it got, or null when acknowledged.</summary>
    public Task<Refusal?> RunAsync(DiskOperation kind) => kind switch
    {
        DiskOperation.ConversationCreate => CreateConversationAsync(),
        DiskOperation.MessageSend => SendAsync(conversations.First()),
        DiskOperation.StreamReply => StreamAsync(conversations.First()),
        DiskOperation.ConversationDelete => DeleteAsync(conversations.Last()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public async Task<Refusal?> CreateConversationAsync()
    {
        using var response = await http.PostAsJsonAsync("/api/conversations", new { title = $"c{conversations.Count}" });
        if (response.StatusCode != HttpStatusCode.Created) return await Refusal.ReadAsync(response);
        conversations.Add((string)(await response.AssertDataAsync(HttpStatusCode.Created))["id"]!);
        return null;
    }

    public async Task<Refusal?> SendAsync(string conversation)
    {
        using var response = await http.PostAsJsonAsync($"/api/conversations/{conversation}/messages",
            new { content = string.Concat(Enumerable.Repeat(Content4000, 400)) });
        if (response.StatusCode != HttpStatusCode.Created) return await Refusal.ReadAsync(response);
        var data = await response.AssertDataAsync(HttpStatusCode.Created);
        messages.Add((conversation, (string)data["userMessage"]!["id"]!));
        messages.Add((conversation, (string)data["aiMessage"]!["id"]!));
        return null;
    }

    /// <summary>A stream acknowledges its user message with the userMessage event and its reply
    /// with aiMessageEnd; it is refused as a whole unless it ends with done.</summary>
    public async Task<Refusal?> StreamAsync(string conversation)
    {
        using var response = await http.PostStreamAsync($"/api/conversations/{conversation}/messages/stream", new { content = "tell me a long story" });
        if (response.StatusCode != HttpStatusCode.OK) return await Refusal.ReadAsync(response);
        var frames = Sse.Parse(await response.Content.ReadAsStringAsync());
        foreach (var frame in frames.Where(f => f.Type is "userMessage" or "aiMessageEnd"))
            messages.Add((conversation, (string)(frame.Data["data"]!["id"] ?? frame.Data["data"]!["messageId"])!));
        return frames[^1].Event switch
        {
            "done" => null,
            "error" => new Refusal(HttpStatusCode.OK, (string?)frames[^1].Data["message"], frames.Any(f => f.Event == "done")),
            var other => throw new Xunit.Sdk.XunitException($"a stream ended with {other}"),
        };
    }

    /// <summary>Opens a stream that the <c>timeout</c> scenario holds after its user message
    /// (acknowledged by its event) until AI_TIMEOUT_SECONDS run out; dispose it to let go.</summary>
    public async Task<HttpResponseMessage> HoldStreamAsync(HttpClient client, string conversation)
    {
        client.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        var response = await client.PostStreamAsync($"/api/conversations/{conversation}/messages/stream", new { content = "hold on" }, "timeout");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Not disposed: that would close the body, and the server would see the client leave.
        var frames = Sse.ReadAsync(await response.Content.ReadAsStreamAsync()).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        Assert.Equal("userMessage", frames.Current.Type);
        messages.Add((conversation, (string)frames.Current.Data["data"]!["id"]!));
        return response;
    }

    public async Task<Refusal?> DeleteAsync(string conversation)
    {
        using var response = await http.DeleteAsync($"/api/conversations/{conversation}");
        if (response.StatusCode != HttpStatusCode.OK) return await Refusal.ReadAsync(response);
        conversations.Remove(conversation);
        deleted.Add(conversation);
        messages.RemoveAll(m => m.Conversation == conversation);
        return null;
    }

    /// <summary>Every acknowledged write reads back, every acknowledged delete stays deleted,
    /// and every reply follows its user message.</summary>
    public async Task AssertStoredAsync(HttpClient restarted)
    {
        restarted.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        foreach (var id in conversations)
        {
            var stored = await (await restarted.GetAsync($"/api/conversations/{id}/messages?limit=100")).AssertDataAsync();
            var ids = stored.AsArray().Select(m => (string)m!["id"]!).ToList();
            foreach (var (_, message) in messages.Where(m => m.Conversation == id))
                Assert.True(ids.Contains(message), $"acknowledged message {message} of conversation {id} is gone");
            string? previous = null;
            foreach (var message in stored.AsArray())
            {
                var sender = (string)message!["sender_type"]!;
                Assert.True(sender == "user" || previous == "user", $"conversation {id}: a reply without its user message: {message.ToJsonString()}");
                previous = sender;
            }
        }
        foreach (var id in deleted)
            await (await restarted.GetAsync($"/api/conversations/{id}")).AssertErrorAsync(HttpStatusCode.NotFound);
    }

    /// <summary>In the file itself: every message belongs to a conversation that exists.</summary>
    public static void AssertNoOrphans(ChatDb db)
    {
        var threads = db.Conversations.FindAll().Select(c => c.Id).Concat(db.Groups.FindAll().Select(g => g.Id)).ToHashSet();
        Assert.All(db.Messages.FindAll(), m => Assert.Contains(m.ConversationId ?? m.GroupConversationId!, threads));
    }
}

public enum DiskOperation { ConversationCreate, MessageSend, StreamReply, ConversationDelete }

/// <summary>An operation that was not acknowledged: an error envelope, or a stream's error event.</summary>
public sealed record Refusal(HttpStatusCode Status, string? Error, bool Done = false)
{
    public static async Task<Refusal> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text);
        Assert.False((bool?)body?["success"] ?? true, $"{(int)response.StatusCode} without an error envelope: {text}");
        return new Refusal(response.StatusCode, (string?)body?["error"]);
    }

    /// <summary>What a request that needs the database gets once the disk failed.</summary>
    public void AssertDiskFailure()
    {
        Assert.Equal(DatabaseUnavailableException.Reason, Error);
        Assert.True(Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.OK, $"status {Status}");
        Assert.False(Done, "a stream that failed must not end with done");
    }
}
