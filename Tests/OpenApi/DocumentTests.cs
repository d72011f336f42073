using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatFake.Generator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.OpenApi;

/// <summary>
/// The OpenAPI document: the committed copy is what the app serves, and what it says matches
/// docs/API.md route by route and field by field. The checks are written for every route of docs/API.md,
/// and apply to each one the app serves, so routes added later are checked without new tests.
/// </summary>
public sealed partial class DocumentTests(App app) : IClassFixture<App>
{
    const string Regenerate = "Run ./scripts/regenerate-api.sh and commit openapi/ and clients/.";

    static readonly string[] AnonymousRoutes = ["POST /api/auth/register", "POST /api/auth/login", "GET /health"];

    /// <summary>The shapes of docs/API.md; <see cref="WireShapes"/> explains the notation.</summary>
    static readonly Dictionary<string, string[]> Shapes = new()
    {
        ["User"] = ["id: string", "username: string", "email: string", "created_at: string", "updated_at: string"],
        ["Model"] = ["id: string", "name: string", "provider: string", "context_limit: integer", "pricing_per_1k_tokens: string", "is_active: integer"],
        ["Conversation"] = ["id: string", "user_id: string", "title: string", "model_id: string", "tags: string[]", "created_at: string", "updated_at: string"],
        ["Message"] =
        [
            "id: string", "conversation_id: string | null", "group_conversation_id: string | null", "sender_id: string",
            "sender_type: string", "sender_name: string", "content: string", "model_id: string | null", "ai_error: integer",
            "error_message: string | null", "created_at: string",
        ],
        ["Bot"] = ["id: string", "name: string", "personality: string", "description: string", "response_tendency: string"],
        ["Group"] = ["id: string", "name: string", "owner_id: string", "bots: Bot[]", "created_at: string", "updated_at: string"],
        ["AuthResult"] = ["token: string", "user: User"],
        ["Deleted"] = ["id: string"],
        ["ModelChoice"] = ["modelId: string"],
        ["TagCount"] = ["tag: string", "count: integer"],
        ["PersonalReply"] = ["userMessage: Message", "aiMessage: Message"],
        ["PersonalFailure"] = ["userMessage: Message", "aiMessage: Message | null"],
        ["GroupReply"] = ["userMessage: Message", "botMessages: Message[]"],
        ["Health"] = ["status: string"],
        ["Pagination"] = ["page: integer", "limit: integer", "total: integer", "totalPages: integer"],
        ["ErrorEnvelope"] = ["success: boolean", "error: string", "errors?: object"],
        ["StreamAiMessageStart"] = ["id: string", "sender_type: 'bot'", "created_at: string", "sender_name?: string"],
        ["StreamAiMessagePiece"] = ["messageId: string", "content: string", "sender_name?: string"],
        ["AnthropicMessage"] =
        [
            "id: string", "type: string", "role: string", "model: string", "content: AnthropicTextBlock[]",
            "stop_reason: string | null", "stop_sequence: string | null", "usage: AnthropicUsage",
        ],
        ["AnthropicTextBlock"] = ["type: string", "text: string"],
        ["AnthropicUsage"] = ["input_tokens: integer", "output_tokens: integer"],
        ["AnthropicError"] = ["type: string", "error: AnthropicErrorDetail"],
        ["AnthropicErrorDetail"] = ["type: string", "message: string"],
        ["AnthropicListModelsResponse"] = ["data: AnthropicModel[]", "has_more: boolean", "first_id: string | null", "last_id: string | null"],
        ["AnthropicModel"] = ["type: string", "id: string", "display_name: string", "created_at: string"],
    };

    /// <summary>
    /// Every route of docs/API.md: its area (tag), its success answers (<c>201 Group</c>: the envelope
    /// with that data; <c>page of</c>: a list with pagination; <c>failure of</c>: the 202 shape;
    /// <c>stream</c>: SSE), its body fields and its query parameters.
    /// </summary>
    static readonly (string Route, string Tag, string Answers, string Body, string Query)[] ApiRoutes =
    [
        ("POST /api/auth/register", "Auth", "201 AuthResult", "username email password", ""),
        ("POST /api/auth/login", "Auth", "200 AuthResult", "email password", ""),
        ("GET /api/auth/me", "Auth", "200 User", "", ""),
        ("GET /api/models", "Models", "200 Model[]", "", ""),
        ("GET /api/conversations", "Conversations", "200 page of Conversation", "", "tag page limit"),
        ("POST /api/conversations", "Conversations", "201 Conversation", "title modelId", ""),
        ("GET /api/conversations/{id}", "Conversations", "200 Conversation", "", ""),
        ("PATCH /api/conversations/{id}", "Conversations", "200 Conversation", "title", ""),
        ("PATCH /api/conversations/{id}/tags", "Conversations", "200 Conversation", "tags", ""),
        ("DELETE /api/conversations/{id}", "Conversations", "200 Deleted", "", ""),
        ("GET /api/conversations/{id}/model", "Conversations", "200 ModelChoice", "", ""),
        ("PUT /api/conversations/{id}/model", "Conversations", "200 ModelChoice", "modelId", ""),
        ("GET /api/tags", "Tags", "200 TagCount[]", "", ""),
        ("GET /api/conversations/{id}/messages", "Messages", "200 page of Message", "", "page limit"),
        ("POST /api/conversations/{id}/messages", "Messages", "201 PersonalReply, 202 failure of PersonalFailure", "content", ""),
        ("POST /api/conversations/{id}/messages/stream", "Messages", "200 stream", "content", ""),
        ("GET /api/bots", "Bots", "200 Bot[]", "", ""),
        ("GET /api/group-conversations", "Groups", "200 page of Group", "", "page limit"),
        ("POST /api/group-conversations", "Groups", "201 Group", "name botIds", ""),
        ("GET /api/group-conversations/{id}", "Groups", "200 Group", "", ""),
        ("DELETE /api/group-conversations/{id}", "Groups", "200 Deleted", "", ""),
        ("GET /api/group-conversations/{id}/messages", "Groups", "200 page of Message", "", "page limit"),
        ("POST /api/group-conversations/{id}/messages", "Groups", "201 GroupReply, 202 failure of GroupReply", "content", ""),
        ("POST /api/group-conversations/{id}/messages/stream", "Groups", "200 stream", "content", ""),
        ("GET /health", "Health", "200 Health", "", ""),
        ("POST /v1/messages", "Anthropic", "200 AnthropicMessage", "model max_tokens messages system stream stop_sequences", ""),
    ];

    /// <summary>A route of another provider's protocol: it answers and fails in that provider's
    /// shapes (checked by <see cref="Provider_routes_document_their_providers_shapes"/>), not the envelope.</summary>
    static bool SpeaksProvider(string route) => route.Split(' ')[1].StartsWith("/v1/", StringComparison.Ordinal);

    [Fact]
    public async Task Served_document_is_the_committed_one()
    {
        var served = await ServedDocumentAsync();
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Repository.File("openapi/chatfake.v1.json")))!;

        var differences = Differences(committed, served, "").Take(20).ToList();
        Assert.True(differences.Count == 0,
            $"openapi/chatfake.v1.json differs from the document the app serves. {Regenerate}\n" + string.Join("\n", differences));
    }

    [Fact]
    public async Task Committed_csharp_client_is_the_one_the_committed_document_gives()
    {
        var document = await File.ReadAllTextAsync(Repository.File("openapi/chatfake.v1.json"));
        var committed = await File.ReadAllTextAsync(Repository.File("clients/csharp/ChatFakeClient.cs"));

        Assert.True(committed == await ClientCode.FromDocumentAsync(document),
            $"clients/csharp/ChatFakeClient.cs is not the client of openapi/chatfake.v1.json. {Regenerate}");
    }

    [Fact]
    public async Task Documents_exactly_the_routes_the_app_serves()
    {
        var document = await ServedDocumentAsync();

        Assert.Equal(ServedRoutes().Keys.Order(StringComparer.Ordinal), DocumentedRoutes(document).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Documents_only_routes_of_API_md_with_their_area_tag()
    {
        var document = await ServedDocumentAsync();

        foreach (var (route, operation) in ApiMdRoutes(document))
        {
            var row = ApiRoutes.SingleOrDefault(r => r.Route == route);
            Assert.True(row.Route is not null, $"{route} is not a route of docs/API.md");
            Assert.Equal([row.Tag], operation["tags"]!.AsArray().Select(t => (string?)t));
        }
        var tags = document["tags"]!.AsArray().Select(t => (string?)t!["name"]).ToList();
        Assert.Equal(DocumentedRoutes(document).Values.Select(o => (string?)o["tags"]![0]).Distinct().Order(), tags.Order());
    }

    [Fact]
    public async Task Every_route_but_register_login_and_health_requires_the_bearer_token()
    {
        var document = await ServedDocumentAsync();
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal(("http", "Bearer", "JWT"), ((string?)scheme["type"], (string?)scheme["scheme"], (string?)scheme["bearerFormat"]));

        var served = ServedRoutes();
        foreach (var (route, operation) in DocumentedRoutes(document))
        {
            var anonymous = AnonymousRoutes.Contains(route);
            var metadata = served[route].Metadata;
            var servedAnonymous = metadata.GetMetadata<IAllowAnonymous>() is not null || metadata.GetMetadata<IAuthorizeData>() is null;
            Assert.True(anonymous == servedAnonymous,
                $"{route} should {(anonymous ? "" : "not ")}be anonymous (docs/API.md, Conventions)");
            if (anonymous)
                Assert.True(operation["security"] is null, $"{route} is anonymous but documents a security requirement");
            else
            {
                Assert.Equal("""[{"Bearer":[]}]""", operation["security"]?.ToJsonString());
                Assert.True(operation["responses"]!["401"] is not null, $"{route} documents no 401");
            }
        }
    }

    [Fact]
    public async Task Success_answers_are_the_envelopes_of_API_md()
    {
        var document = await ServedDocumentAsync();
        var shapes = new WireShapes(document, Shapes);
        var problems = new List<string>();

        foreach (var (route, operation) in ApiMdRoutes(document))
        {
            var answers = ApiRoutes.Single(r => r.Route == route).Answers.Split(", ")
                .ToDictionary(a => a[..3], a => a[4..]);
            var documented = operation["responses"]!.AsObject().Select(r => r.Key).Where(s => s[0] == '2').ToList();
            if (!documented.SequenceEqual(answers.Keys))
                problems.Add($"{route}: success statuses should be {string.Join(", ", answers.Keys)}, are {string.Join(", ", documented)}");

            foreach (var (status, answer) in answers.Where(a => a.Value != "stream"))
            {
                var content = operation["responses"]![status]?["content"]?.AsObject();
                if (content?.Select(c => c.Key).SequenceEqual(["application/json"]) != true)
                {
                    problems.Add($"{route} {status}: should be application/json only");
                    continue;
                }
                problems.AddRange(shapes.CheckObject(content["application/json"]!["schema"], EnvelopeOf(answer), $"{route} {status}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Request_bodies_and_queries_have_the_fields_of_API_md()
    {
        var document = await ServedDocumentAsync();
        var shapes = new WireShapes(document, Shapes);

        foreach (var (route, operation) in ApiMdRoutes(document))
        {
            var row = ApiRoutes.Single(r => r.Route == route);
            var body = shapes.Resolve(operation["requestBody"]?["content"]?["application/json"]?["schema"]).Schema;
            Assert.Equal(Words(row.Body), body?["properties"]?.AsObject().Select(p => p.Key) ?? []);
            var query = operation["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "query").Select(p => (string?)p!["name"]) ?? [];
            Assert.Equal(Words(row.Query), query);
        }
    }

    [Fact]
    public async Task Paging_parameters_are_documented_as_bounded_integers()
    {
        var document = await ServedDocumentAsync();

        foreach (var (route, operation) in DocumentedRoutes(document).Where(r => !SpeaksProvider(r.Key)))
        {
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                var schema = parameter!["schema"]!;
                var expected = (string?)parameter["name"] switch
                {
                    "page" => """{"type":"integer","default":1,"minimum":1.0}""",
                    "limit" => $$"""{"type":"integer","default":{{(route.EndsWith("/messages") ? 50 : 20)}},"maximum":100.0,"minimum":1.0}""",
                    _ => schema.ToJsonString(),
                };
                Assert.Equal(expected, schema.ToJsonString());
            }
        }
    }

    [Fact]
    public async Task Error_answers_are_the_error_envelope_with_the_statuses_a_route_can_give()
    {
        var document = await ServedDocumentAsync();
        var shapes = new WireShapes(document, Shapes);
        var problems = new List<string>();

        foreach (var (route, operation) in ApiMdRoutes(document))
        {
            var responses = operation["responses"]!.AsObject();
            var expected = new List<string> { "500" };
            if (!AnonymousRoutes.Contains(route) || route == "POST /api/auth/login") expected.Add("401");
            if (route.Contains('{')) expected.Add("404");
            if (operation["requestBody"] is not null) expected.AddRange(["400", "413"]);
            if (operation["parameters"]?.AsArray().Any(p => (string?)p!["in"] == "query") == true) expected.Add("400");
            if (route is "POST /api/auth/register") expected.Add("409");
            if (route is "GET /health") expected.Add("503");
            if (route is "POST /api/auth/register" or "POST /api/auth/login" || route.EndsWith("/stream") || route.EndsWith("/messages") && route.StartsWith("POST"))
                expected.Add("429");
            var documented = responses.Select(r => r.Key).Where(s => s[0] is '4' or '5').ToList();
            if (!expected.Distinct().Order().SequenceEqual(documented))
                problems.Add($"{route}: error statuses should be {string.Join(", ", expected.Distinct().Order())}, are {string.Join(", ", documented)}");

            foreach (var status in documented)
            {
                var content = responses[status]!["content"]?.AsObject();
                if (content?.Select(c => c.Key).SequenceEqual(["application/json"]) != true)
                    problems.Add($"{route} {status}: should be application/json only");
                else
                    problems.AddRange(shapes.Check(content["application/json"]!["schema"], "ErrorEnvelope", $"{route} {status}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Provider_routes_document_their_providers_shapes()
    {
        var document = await ServedDocumentAsync();
        var shapes = new WireShapes(document, Shapes);
        var problems = new List<string>();

        foreach (var (route, operation) in DocumentedRoutes(document).Where(r => r.Key == "POST /v1/messages"))
        {
            var (status, answer) = ApiRoutes.Single(r => r.Route == route).Answers.Split(' ') is [var code, var type] ? (code, type) : default;
            var responses = operation["responses"]!.AsObject();
            problems.AddRange(shapes.Check(responses[status]?["content"]?["application/json"]?["schema"], answer, $"{route} {status}"));
            foreach (var (error, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                problems.AddRange(shapes.Check(response?["content"]?["application/json"]?["schema"], "AnthropicError", $"{route} {error}"));
            foreach (var required in new[] { "400", "401", "500" })
                if (!responses.ContainsKey(required)) problems.Add($"{route}: documents no {required}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Routes_that_call_the_fake_AI_document_the_scenario_header()
    {
        var document = await ServedDocumentAsync();

        foreach (var (route, operation) in ApiMdRoutes(document))
        {
            var header = operation["parameters"]?.AsArray().SingleOrDefault(p => (string?)p!["in"] == "header");
            if (route.StartsWith("POST ") && (route.EndsWith("/messages") || route.EndsWith("/messages/stream")))
            {
                Assert.Equal("X-Fake-Scenario", (string?)header?["name"]);
                var values = new WireShapes(document, Shapes).Resolve(header!["schema"]).Schema!["enum"]!;
                Assert.Equal("""["error","flaky","timeout","slow","rate_limit","rate_limit_once"]""", values.ToJsonString());
                Assert.NotEqual(true, (bool?)header["required"]);
            }
            else
                Assert.Null(header);
        }
    }

    [Fact]
    public async Task Streams_are_documented_as_text_event_stream_with_the_shape_of_each_event()
    {
        var document = await ServedDocumentAsync();
        var shapes = new WireShapes(document, Shapes);
        var events = new Dictionary<string, string[]>
        {
            ["userMessage"] = ["type: 'userMessage'", "data: Message"],
            ["aiMessageStart"] = ["type: 'aiMessageStart'", "data: StreamAiMessageStart"],
            ["aiMessageChunk"] = ["type: 'aiMessageChunk'", "data: StreamAiMessagePiece"],
            ["aiMessageEnd"] = ["type: 'aiMessageEnd'", "data: StreamAiMessagePiece"],
            ["error"] = ["type: 'error'", "message: string"],
            ["done"] = ["success: boolean"],
        };

        foreach (var (route, operation) in DocumentedRoutes(document).Where(r => r.Key.EndsWith("/messages/stream")))
        {
            var ok = operation["responses"]!["200"]!;
            Assert.Equal(["text/event-stream"], ok["content"]!.AsObject().Select(c => c.Key));
            Assert.Equal("no-cache", (string?)ok["headers"]!["Cache-Control"]!["example"]);
            var union = shapes.Resolve(ok["content"]!["text/event-stream"]!["schema"]).Schema!["oneOf"]!.AsArray();
            Assert.Equal(events.Count, union.Count);
            foreach (var (name, fields) in events)
            {
                var matching = union.Count(e => !shapes.CheckObject(e, fields, route).Any());
                Assert.True(matching == 1, $"{route}: the {name} event should be documented once, as {{{string.Join(", ", fields)}}}");
            }
        }
    }

    [Fact]
    public async Task Swagger_UI_is_served_at_swagger_without_a_token()
    {
        var response = await app.Anonymous().GetAsync("/swagger");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Validation_errors_are_sent_as_the_documented_application_json()
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/auth/register", "{}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The envelope an answer of <see cref="ApiRoutes"/> stands for.</summary>
    static string[] EnvelopeOf(string answer) => answer switch
    {
        _ when answer.StartsWith("page of ") => ["success: boolean", $"data: {answer[8..]}[]", "pagination: Pagination"],
        _ when answer.StartsWith("failure of ") => ["success: boolean", "error: string", $"data: {answer[11..]}"],
        _ => ["success: boolean", $"data: {answer}"],
    };

    async Task<JsonNode> ServedDocumentAsync()
    {
        var response = await app.Anonymous().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>The documented routes of API.md: all but the protocol routes under /v1, which speak
    /// their provider's wire (checked by Tests/OpenAi/DocumentTests).</summary>
    static Dictionary<string, JsonNode> ApiMdRoutes(JsonNode document) =>
        DocumentedRoutes(document).Where(r => !r.Key.Split(' ')[1].StartsWith("/v1/", StringComparison.Ordinal)).ToDictionary();

    internal static Dictionary<string, JsonNode> DocumentedRoutes(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!)))
            .ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>What the app routes, as "METHOD /path" with route constraints left out (but for
    /// routes that keep themselves out of API descriptions, like FastEndpoints' test helper).</summary>
    Dictionary<string, RouteEndpoint> ServedRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => ($"{method} /{Constraint().Replace(e.RoutePattern.RawText!.TrimStart('/'), "")}", e)))
            .ToDictionary(x => x.Item1, x => x.e);

    static IEnumerable<string> Differences(JsonNode? expected, JsonNode? actual, string at)
    {
        if (expected is JsonObject e && actual is JsonObject a)
        {
            foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                foreach (var difference in Differences(e[key], a[key], $"{at}/{key}"))
                    yield return difference;
        }
        else if (!JsonNode.DeepEquals(expected, actual))
            yield return $"{at}: committed {Clip(expected)}, served {Clip(actual)}";
    }

    static string Clip(JsonNode? node) => node?.ToJsonString() is { Length: > 120 } text ? text[..120] + "…" : node?.ToJsonString() ?? "(absent)";

    static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"(?<=\{[^}:]+):[^}]+")]
    private static partial Regex Constraint();
}
