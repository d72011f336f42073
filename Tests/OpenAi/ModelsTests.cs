using System.Net;
using ChatFake.Tests.Models;

namespace ChatFake.Tests.OpenAi;

public sealed class ModelsTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Lists_the_active_models_as_an_OpenAI_list()
    {
        var user = await app.NewUserAsync();
        RetiredModel.EnsureIn(app);

        var response = await user.Http.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonAssert.Equal("""
            {"data":[
              {"id":"claude-3-opus","object":"model","created":1704067200,"owned_by":"anthropic"},
              {"id":"claude-3-sonnet","object":"model","created":1704067200,"owned_by":"anthropic"},
              {"id":"gpt-3.5-turbo","object":"model","created":1704067200,"owned_by":"openai"},
              {"id":"gpt-4","object":"model","created":1704067200,"owned_by":"openai"},
              {"id":"gpt-4-turbo","object":"model","created":1704067200,"owned_by":"openai"}],
             "object":"list"}
            """, await response.ReadJsonAsync());
    }

    [Fact]
    public async Task Gets_one_model_or_a_404_model_not_found()
    {
        var user = await app.NewUserAsync();
        RetiredModel.EnsureIn(app);

        var found = await user.Http.GetAsync("/v1/models/gpt-4-turbo");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        JsonAssert.Equal("""{"id":"gpt-4-turbo","object":"model","created":1704067200,"owned_by":"openai"}""", await found.ReadJsonAsync());

        foreach (var id in new[] { "gpt-5", RetiredModel.Id })
        {
            var error = await (await user.Http.GetAsync($"/v1/models/{id}"))
                .AssertOpenAiErrorAsync(HttpStatusCode.NotFound, "invalid_request_error", "model_not_found", "model");
            Assert.Equal($"The model `{id}` does not exist or you do not have access to it.", (string?)error["message"]);
        }
    }

    [Fact]
    public async Task A_missing_or_bad_key_is_a_401_invalid_api_key()
    {
        await (await app.Anonymous().GetAsync("/v1/models")).AssertOpenAiErrorAsync(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");

        var bad = app.Anonymous();
        bad.DefaultRequestHeaders.Authorization = new("Bearer", "sk-not-a-chatfake-token");
        var error = await (await bad.GetAsync("/v1/models/gpt-4")).AssertOpenAiErrorAsync(HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key");
        Assert.Equal("Invalid token", (string?)error["message"]);
    }
}
