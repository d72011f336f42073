using System.Net;
using System.Text;
using ChatFake.FakeModel;
using ChatFake.Tests.Messages;

namespace ChatFake.Tests.Chat;

/// <summary>
/// A client that leaves right after a chunk arrived finds, after reloading, a stored partial
/// reply that starts with everything it received and is a prefix of the whole reply
/// (docs/API.md, "Streams (SSE)"), however the connection broke.
/// </summary>
public sealed class InterruptedReplyTests(AppProcess.RealDelays server) : IClassFixture<AppProcess.RealDelays>
{
    const string ModelId = "gpt-4";

    [Fact]
    public async Task The_stored_partial_reply_starts_with_every_chunk_the_client_received()
    {
        var user = await server.NewUserAsync();
        for (var round = 0; round < 20; round++)
        {
            var conversation = await user.NewConversationAsync(ModelId);
            var content = $"round {round}: explain streaming to me";
            var full = ReplyComposer.ForModel(ModelId, content).Text;
            var leaveAfter = 1 + round % 8;

            var received = new StringBuilder();
            using (var response = await user.Http.PostStreamAsync($"/api/conversations/{conversation}/messages/stream", new { content }))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var chunks = 0;
                await foreach (var frame in Sse.ReadAsync(await response.Content.ReadAsStreamAsync()))
                {
                    if (frame.Type != "aiMessageChunk") continue;
                    received.Append((string)frame.Data["data"]!["content"]!);
                    if (++chunks == leaveAfter) break;
                }
            }

            var reply = await Poll.UntilAsync(async () =>
            {
                var list = (await (await user.Http.GetAsync($"/api/conversations/{conversation}/messages")).AssertDataAsync()).AsArray();
                return list.Count == 2 ? list[1] : null;
            }, "the interrupted reply to be stored");
            var stored = (string)reply!["content"]!;
            Assert.Equal("interrupted", (string?)reply["error_message"]);
            Assert.True(stored.StartsWith(received.ToString(), StringComparison.Ordinal),
                $"round {round}: the client showed \"{received}\", the stored reply is \"{stored}\"");
            Assert.StartsWith(stored, full);
        }
    }
}
