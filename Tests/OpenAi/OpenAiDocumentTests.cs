using System.Text.Json.Nodes;
using ChatFake.Tests.OpenApi;

namespace ChatFake.Tests.OpenAi;

/// <summary>The /v1 routes in the OpenAPI document: tagged OpenAI, with examples and OpenAI's error body.</summary>
public sealed class OpenAiDocumentTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task The_v1_routes_are_documented_with_examples_headers_and_OpenAIs_error_on_every_error()
    {
        var document = await (await app.Anonymous().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var routes = DocumentTests.DocumentedRoutes(document).Where(r => r.Key.Contains(" /v1/") && r.Key != "POST /v1/messages").ToDictionary();

        Assert.Equal(["GET /v1/models", "GET /v1/models/{id}", "POST /v1/chat/completions", "POST /v1/responses"], routes.Keys.Order(StringComparer.Ordinal));
        var error = document["components"]!["schemas"]!["OpenAiError"]!;
        Assert.Equal(["error"], error["properties"]!.AsObject().Select(p => p.Key));
        foreach (var (route, operation) in routes)
        {
            Assert.Equal(["OpenAI"], operation["tags"]!.AsArray().Select(t => (string?)t));
            Assert.NotNull(operation["responses"]!["200"]!["content"]!["application/json"]!["example"]);
            foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
                Assert.True("#/components/schemas/OpenAiError" == (string?)response!["content"]!["application/json"]!["schema"]!["$ref"], $"{route} {status}");
            if (!route.StartsWith("POST ")) continue;
            Assert.Equal(["400", "401", "404", "413", "429", "500", "504"], operation["responses"]!.AsObject().Select(r => r.Key).Where(s => s[0] != '2'));
            var body = operation["requestBody"]!["content"]!["application/json"]!;
            var schema = document["components"]!["schemas"]![((string)body["schema"]!["$ref"]!).Split('/')[^1]]!;
            Assert.Equal("gpt-4", (string?)(body["example"] ?? schema["example"])?["model"]);
            var headers = operation["parameters"]!.AsArray().Where(p => (string?)p!["in"] == "header").Select(p => ((string)p!["name"]!).ToLowerInvariant());
            Assert.Equal(["x-fake-scenario"], headers);
        }
    }
}
