using System.Net;
using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Models;

/// <summary>Models are served from memory; a model written through the catalog is served at once.</summary>
public sealed class ModelCatalogTests
{
    const string Fresh = "gpt-fresh";

    static void Save(App app, int isActive) => app.Services.GetRequiredService<ModelCatalog>().Write(models => models.Upsert(new ModelDoc
    {
        Id = Fresh, Name = "GPT Fresh", Provider = "OpenAI", ContextLimit = 4096, PricingPer1kTokens = "0.004", IsActive = isActive,
    }));

    static async Task<string[]> ListedIdsAsync(UserClient user) =>
        (await (await user.Http.GetAsync("/api/models")).AssertDataAsync()).AsArray().Select(m => (string)m!["id"]!).ToArray();

    static Task<HttpResponseMessage> CreateWithAsync(UserClient user, string modelId) =>
        user.Http.SendJsonAsync(HttpMethod.Post, "/api/conversations", new { title = "x", modelId });

    [Fact]
    public async Task A_model_written_through_the_catalog_is_listed_and_accepted_at_once_and_retiring_it_takes_it_back()
    {
        using var app = new App();
        var user = await app.NewUserAsync();
        Assert.DoesNotContain(Fresh, await ListedIdsAsync(user)); // the catalog is loaded before the write
        await (await CreateWithAsync(user, Fresh)).AssertErrorAsync(HttpStatusCode.BadRequest);

        Save(app, isActive: 1);

        Assert.Equal(["claude-3-opus", "claude-3-sonnet", "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo", Fresh], await ListedIdsAsync(user));
        var created = await (await CreateWithAsync(user, Fresh)).AssertDataAsync(HttpStatusCode.Created);
        Assert.Equal(Fresh, (string?)created["model_id"]);

        Save(app, isActive: 0);

        Assert.DoesNotContain(Fresh, await ListedIdsAsync(user));
        var error = await (await CreateWithAsync(user, Fresh)).AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]!["modelId"]);
    }
}
