using System.Net;

namespace ChatFake.Tests.OpenAi;

/// <summary>What all of /v1 shares: OpenAI's error shape (but not for Anthropic's routes), CORS.</summary>
public sealed class ProtocolTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task An_unknown_v1_route_is_a_404_in_OpenAI_shape()
    {
        var user = await app.NewUserAsync();

        var error = await (await user.Http.GetAsync("/v1/embeddings")).AssertOpenAiErrorAsync(HttpStatusCode.NotFound, "invalid_request_error");

        Assert.Equal("Route not found: GET /v1/embeddings", (string?)error["message"]);
    }

    [Fact]
    public async Task Anthropic_requests_keep_their_own_error_shape()
    {
        var user = await app.NewUserAsync();
        var withVersion = new HttpRequestMessage(HttpMethod.Get, "/v1/embeddings");
        withVersion.Headers.Add("anthropic-version", "2023-06-01");

        foreach (var response in new[] { await user.Http.GetAsync("/v1/messages/none"), await user.Http.SendAsync(withVersion) })
        {
            // Whichever shape answers them (the envelope, or Anthropic's), it is not OpenAI's.
            var body = await response.ReadJsonAsync();
            Assert.False(body["error"] is System.Text.Json.Nodes.JsonObject error && error.ContainsKey("param"), body.ToJsonString());
        }
    }

    [Fact]
    public async Task Preflights_on_v1_allow_every_header_the_SDKs_send()
    {
        async Task<HttpResponseMessage> Preflight(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", "http://localhost:5173");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-stainless-os,x-stainless-retry-count,openai-organization");
            return await app.Anonymous().SendAsync(request);
        }

        var v1 = await Preflight("/v1/chat/completions");
        Assert.Equal(HttpStatusCode.NoContent, v1.StatusCode);
        Assert.Equal("*", v1.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("authorization,content-type,x-stainless-os,x-stainless-retry-count,openai-organization",
            v1.Headers.GetValues("Access-Control-Allow-Headers").Single());

    }
}
