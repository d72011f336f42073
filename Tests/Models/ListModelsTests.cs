using System.Net;
using ChatFake.Tests.Conversations;

namespace ChatFake.Tests.Models;

public sealed class ListModelsTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Lists_the_active_models_by_provider_then_id_with_the_seed_columns()
    {
        var user = await app.NewUserAsync();

        var data = await (await user.Http.GetAsync("/api/models")).AssertDataAsync();

        var models = data.AsArray();
        Assert.Equal(["claude-3-opus", "claude-3-sonnet", "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo"],
            models.Select(m => (string)m!["id"]!));
        var gpt4 = models.Single(m => (string)m!["id"]! == "gpt-4")!;
        Assert.Equal(["id", "name", "provider", "context_limit", "pricing_per_1k_tokens", "is_active"], gpt4.Keys());
        Assert.Equal("""{"id":"gpt-4","name":"GPT-4","provider":"OpenAI","context_limit":8192,"pricing_per_1k_tokens":"0.03","is_active":1}""",
            gpt4.ToJsonString());
        Assert.Equal("""{"id":"claude-3-sonnet","name":"Claude 3 Sonnet","provider":"Anthropic","context_limit":200000,"pricing_per_1k_tokens":"0.003","is_active":1}""",
            models[1]!.ToJsonString());
    }

    [Fact]
    public async Task Leaves_out_inactive_models()
    {
        RetiredModel.EnsureIn(app);
        var user = await app.NewUserAsync();

        var data = await (await user.Http.GetAsync("/api/models")).AssertDataAsync();

        Assert.DoesNotContain(RetiredModel.Id, data.AsArray().Select(m => (string)m!["id"]!));
        Assert.Equal(5, data.AsArray().Count);
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var response = await app.Anonymous().GetAsync("/api/models");

        var body = await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Authentication required", (string?)body["error"]);
    }
}
