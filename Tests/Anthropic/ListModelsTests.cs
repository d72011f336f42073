using System.Net;
using System.Text.Json.Nodes;

namespace ChatFake.Tests.Anthropic;

/// <summary>GET /v1/models as Anthropic's SDKs call it (with anthropic-version).</summary>
public sealed class ListModelsTests(App app) : IClassFixture<App>
{
    static readonly string[] Active = ["claude-3-opus", "claude-3-sonnet", "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo"];

    async Task<HttpClient> AnthropicClientAsync()
    {
        var user = await app.NewUserAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", user.Token);
        client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        return client;
    }

    [Fact]
    public async Task Lists_every_active_model_in_anthropics_shape()
    {
        var client = await AnthropicClientAsync();

        var response = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await response.ReadJsonAsync()).AsObject();
        Assert.Equal(["data", "has_more", "first_id", "last_id"], list.Select(p => p.Key));
        Assert.Equal(Active, list["data"]!.AsArray().Select(m => (string)m!["id"]!));
        JsonAssert.Equal("""{"type":"model","id":"claude-3-opus","display_name":"Claude 3 Opus","created_at":"1970-01-01T00:00:00Z"}""", list["data"]![0]);
        Assert.False((bool)list["has_more"]!);
        Assert.Equal("claude-3-opus", (string?)list["first_id"]);
        Assert.Equal("gpt-4-turbo", (string?)list["last_id"]);
    }

    [Theory]
    [InlineData("?limit=2", "claude-3-opus,claude-3-sonnet", true)]
    [InlineData("?limit=2&after_id=claude-3-sonnet", "gpt-3.5-turbo,gpt-4", true)]
    [InlineData("?limit=2&after_id=gpt-4", "gpt-4-turbo", false)]
    [InlineData("?limit=2&before_id=gpt-4", "claude-3-sonnet,gpt-3.5-turbo", true)]
    [InlineData("?limit=5&before_id=gpt-4", "claude-3-opus,claude-3-sonnet,gpt-3.5-turbo", false)]
    [InlineData("?after_id=no-such-model", "", false)]
    [InlineData("?limit=&after_id=", "claude-3-opus,claude-3-sonnet,gpt-3.5-turbo,gpt-4,gpt-4-turbo", false)]
    public async Task Pages_with_anthropics_cursors(string query, string ids, bool hasMore)
    {
        var client = await AnthropicClientAsync();

        var list = await (await client.GetAsync("/v1/models" + query)).ReadJsonAsync();

        var expected = ids.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, list["data"]!.AsArray().Select(m => (string)m!["id"]!));
        Assert.Equal(hasMore, (bool)list["has_more"]!);
        Assert.Equal(expected.FirstOrDefault(), (string?)list["first_id"]);
        Assert.Equal(expected.LastOrDefault(), (string?)list["last_id"]);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=abc")]
    [InlineData("?after_id=gpt-4&before_id=gpt-4")]
    public async Task Bad_paging_is_a_400_invalid_request_error(string query)
    {
        var client = await AnthropicClientAsync();

        var response = await client.GetAsync("/v1/models" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)(await response.ReadJsonAsync())["error"]!["type"]);
    }

    [Fact]
    public async Task Without_a_key_it_is_a_401_authentication_error()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");

        var response = await client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        JsonAssert.Equal("""{"type":"error","error":{"type":"authentication_error","message":"Authentication required"}}""", await response.ReadJsonAsync());
    }
}
