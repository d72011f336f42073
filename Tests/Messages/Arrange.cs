using System.Net;
using ChatFake.Features.Conversations.SwitchModel;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using FastEndpoints;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Messages;

/// <summary>Conversations for message tests, created through the API; what the tests read
/// back from storage (the stored messages) is read from the app's database.</summary>
public static class Arrange
{
    public static ChatDb Db(this App app) => app.Services.GetRequiredService<ChatDb>();

    /// <summary>Creates a conversation of <paramref name="owner"/> on <paramref name="modelId"/>
    /// and returns its id.</summary>
    public static async Task<string> NewConversationAsync(this UserClient owner, string modelId = "gpt-3.5-turbo")
    {
        var response = await owner.Http.SendJsonAsync(HttpMethod.Post, "/api/conversations", new { modelId });
        return (string)(await response.AssertDataAsync(HttpStatusCode.Created))["id"]!;
    }

    /// <summary>Switches the model through the typed FastEndpoints client (the route comes from
    /// the endpoint, {id} from the request); in-process apps only.</summary>
    public static async Task SwitchModelAsync(this UserClient owner, string conversationId, string modelId)
    {
        var (response, result) = await owner.Http.PUTAsync<Endpoint, Request, Envelope<Response>>(
            new Request { Id = conversationId, ModelId = modelId });
        Assert.Equal((HttpStatusCode.OK, modelId), (response.StatusCode, result.Data.ModelId));
    }

    public static List<MessageDoc> StoredMessages(this App app, string conversationId) =>
        app.Db().Messages.Find(x => x.ConversationId == conversationId).OrderBy(x => x.Position, StringComparer.Ordinal).ToList();
}
