using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatFake.Features.Chat;
using ChatFake.FakeModel;
using ChatFake.Tests.Groups.Messages;
using ChatFake.Tests.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Chat;

/// <summary>
/// With AI_DELAY_SCALE above 0 no two events of a stream leave back to back (docs/API.md,
/// "Streams (SSE)"): a pause separates every two, so a reader that handles one event per read,
/// as the seed's example client does, sees each of them.
/// </summary>
public sealed class PacingTests
{
    [Fact]
    public async Task The_exchange_waits_before_every_event_it_streams()
    {
        using var app = new WatchedApp(new Dictionary<string, string?> { ["AI_DELAY_SCALE"] = "1" });
        var chat = app.Services.GetRequiredService<ChatExchange>();
        var bots = new[] { ("bot-cs", "客服机器人"), ("bot-tech", "技术机器人") };
        var responders = bots.Select(b => Responder.Bot(new() { Id = b.Item1, Name = b.Item2 }, ReplyComposer.ForBot(b.Item1, "hi"))).ToList();

        await using var events = chat.StreamAsync(new Exchange(null, null, responders, Scenario.None)).GetAsyncEnumerator();
        var seen = new List<string>();
        while (true)
        {
            var next = events.MoveNextAsync();
            Assert.False(next.IsCompleted, $"the event after {string.Join(", ", seen.TakeLast(2))} left with no pause before it");
            app.Time.Advance(await app.Timers.NextTimerAsync());
            Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
            seen.Add(events.Current.GetType().Name);
            if (events.Current is ExchangeEvent.Done) break;
        }

        var chunks = responders.Sum(r => r.Reply.Chunks().Count);
        Assert.Equal(2 * 2 + chunks + 1, seen.Count);
    }

    /// <summary>
    /// Read as a browser reads (a read hands over whatever has arrived), the events that used
    /// to leave back to back (a reply's start and first chunk; its last chunk, end and done)
    /// arrive in reads of their own. Chunks in the middle of a reply were always paced; on a
    /// loaded machine two of them can still share a read, so they are not counted here.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replys_first_and_last_events_arrive_in_reads_of_their_own_on_a_real_port(bool group)
    {
        var database = Path.Combine(Path.GetTempPath(), "chatfake-tests", Guid.NewGuid().ToString("N"), "chatfake.db");
        await using var server = await AppProcess.StartHealthyAsync(database, new Dictionary<string, string?> { ["AI_DELAY_SCALE"] = "25" });
        var user = await server.NewUserAsync();
        var url = group
            ? GroupMessageSteps.StreamUrl(await user.CreateGroupIdAsync("bot-cs", "bot-funny"))
            : $"/api/conversations/{await user.NewConversationAsync("gpt-4")}/messages/stream";
        // A short scripted reply at 25 times the pace: every pause is 250 ms or more, so a busy
        // machine (the test runs beside the rest of the suite) still reads each event on its own
        // (at 10 times, a reader held up for 100 ms by the load merged two events now and then).
        user.Http.DefaultRequestHeaders.Add("X-Fake-Reply", "Hi");

        for (var round = 0; round < 2; round++)
        {
            using var response = await user.Http.PostStreamAsync(url, new { content = $"round {round}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reads = await EventsPerReadAsync(await response.Content.ReadAsStreamAsync());

            var events = reads.SelectMany((types, read) => types.Select(type => (type, read))).ToList();
            Assert.Equal(group ? 2 : 1, events.Count(e => e.type == "aiMessageEnd"));
            for (var i = 1; i < events.Count; i++)
            {
                var (before, after) = (events[i - 1], events[i]);
                var boundary = before.type is "aiMessageStart" or "aiMessageEnd" || after.type is "aiMessageEnd" or "done";
                if (boundary)
                    Assert.True(before.read != after.read, $"{before.type} and {after.type} arrived in one read");
            }
        }
    }

    /// <summary>The type of each event (<c>data.type</c>, or the event name) that each read of <paramref name="body"/> completed.</summary>
    static async Task<List<List<string>>> EventsPerReadAsync(Stream body)
    {
        var reads = new List<List<string>>();
        var decoder = new UTF8Encoding(false).GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[64 * 1024];
        var pending = "";
        int read;
        while ((read = await body.ReadAsync(bytes)) > 0)
        {
            pending += new string(chars, 0, decoder.GetChars(bytes, 0, read, chars, 0));
            var frames = pending.Split("\n\n");
            pending = frames[^1];
            reads.Add(frames[..^1].Select(frame => Sse.Parse(frame + "\n\n").Single()).Select(f => f.Type ?? f.Event).ToList());
        }
        return reads;
    }
}
