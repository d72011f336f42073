using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatFake.Tests.FakeModel;

/// <summary>The four native routes that make the fake model speak.</summary>
public enum AiRoute { Send, Stream, GroupSend, GroupStream }

/// <summary>One exchange as a client sees it: the status, each reply as it arrived (joined
/// chunks on a stream, the reply's content on a send), and the replies the API then lists.</summary>
public sealed record Exchange(HttpStatusCode Status, JsonNode? Body, IReadOnlyList<string> Received, IReadOnlyList<string> Stored,
    IReadOnlyList<JsonNode> Messages);

public static class Exchanges
{
    public static readonly AiRoute[] All = Enum.GetValues<AiRoute>();

    public static bool IsGroup(this AiRoute route) => route is AiRoute.GroupSend or AiRoute.GroupStream;

    /// <summary>A new conversation on <paramref name="modelId"/>, or a new group of every seeded
    /// bot, through the API; returns its id.</summary>
    public static async Task<string> NewThreadAsync(this UserClient user, AiRoute route, string modelId = "gpt-4")
    {
        var response = route.IsGroup()
            ? await user.Http.PostAsJsonAsync("/api/group-conversations", new { name = "Team", botIds = new[] { "bot-cs", "bot-funny", "bot-tech" } })
            : await user.Http.PostAsJsonAsync("/api/conversations", new { modelId });
        return (string)(await response.AssertDataAsync(HttpStatusCode.Created))["id"]!;
    }

    /// <summary>Posts <paramref name="content"/> with <paramref name="headers"/> and reads
    /// everything back; the thread is new unless <paramref name="threadId"/> is given.</summary>
    public static async Task<Exchange> ExchangeAsync(this UserClient user, AiRoute route, string content,
        IDictionary<string, string>? headers = null, string modelId = "gpt-4", string? threadId = null)
    {
        threadId ??= await user.NewThreadAsync(route, modelId);
        var thread = route.IsGroup() ? $"/api/group-conversations/{threadId}" : $"/api/conversations/{threadId}";
        var streamed = route is AiRoute.Stream or AiRoute.GroupStream;
        var request = new HttpRequestMessage(HttpMethod.Post, thread + (streamed ? "/messages/stream" : "/messages"))
        {
            Content = JsonContent.Create(new { content }),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await user.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        JsonNode? body = null;
        var received = new List<string>();
        if (streamed && response.StatusCode == HttpStatusCode.OK)
        {
            var replies = new Dictionary<string, string>();
            foreach (var frame in Sse.Parse(text).Where(f => f.Type == "aiMessageChunk"))
            {
                var id = (string)frame.Data["data"]!["messageId"]!;
                replies[id] = replies.GetValueOrDefault(id, "") + (string)frame.Data["data"]!["content"]!;
            }
            received.AddRange(replies.Values);
        }
        else
        {
            body = JsonNode.Parse(text);
            var data = body?["data"];
            if (data?["aiMessage"] is { } aiMessage) received.Add((string)aiMessage["content"]!);
            if (data?["botMessages"] is JsonArray botMessages) received.AddRange(botMessages.Select(m => (string)m!["content"]!));
        }

        var list = await (await user.Http.GetAsync(thread + "/messages")).AssertDataAsync();
        var messages = list.AsArray().Select(m => m!).ToList();
        var stored = messages.Where(m => (string?)m["sender_type"] == "bot").Select(m => (string)m["content"]!).ToList();
        return new(response.StatusCode, body, received, stored, messages);
    }
}
