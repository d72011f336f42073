using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatFake.Tests.Groups;

namespace ChatFake.Tests.OpenApi;

/// <summary>
/// The event schemas of the document are those of what the streams send: every frame of a
/// personal, a group and a failing stream is exactly one member of the documented
/// <c>StreamEvent</c> union (its properties, required ones, single values and types).
/// </summary>
public sealed class StreamEventTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Every_frame_of_every_kind_of_stream_is_exactly_one_documented_event()
    {
        var document = await (await app.Anonymous().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var union = Schema(document, "StreamEvent")["oneOf"]!.AsArray();
        var user = await app.NewUserAsync();
        var conversation = (string)(await (await user.Http.PostAsJsonAsync("/api/conversations", new { })).AssertDataAsync(HttpStatusCode.Created))["id"]!;
        var group = (string)(await user.CreateGroupAsync("Team", "bot-tech", "bot-funny"))["id"]!;

        var frames = new List<SseFrame>();
        foreach (var (url, scenario) in new[]
                 {
                     ($"/api/conversations/{conversation}/messages/stream", (string?)null),
                     ($"/api/conversations/{conversation}/messages/stream", "error"),
                     ($"/api/group-conversations/{group}/messages/stream", null),
                     ($"/api/group-conversations/{group}/messages/stream", "error"),
                 })
        {
            var response = await user.Http.PostStreamAsync(url, new { content = "你好" }, scenario);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            frames.AddRange(Sse.Parse(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(new[] { "userMessage", "aiMessageStart", "aiMessageChunk", "aiMessageEnd", "error", null }.Order(),
            frames.Select(f => f.Type).Distinct().Order());
        foreach (var frame in frames)
        {
            var matching = union.Count(member => Matches(frame.Data, member!, document));
            Assert.True(matching == 1, $"`{frame.Event}` {frame.Data.ToJsonString()} matches {matching} documented events, not 1");
        }
    }

    static JsonNode Schema(JsonNode document, string name) => document["components"]!["schemas"]![name]!;

    /// <summary>Whether <paramref name="value"/> is valid for <paramref name="schema"/>, for the
    /// parts of JSON Schema the document uses.</summary>
    static bool Matches(JsonNode? value, JsonNode schema, JsonNode document)
    {
        var nullable = (bool?)schema["nullable"] == true;
        while ((string?)schema["$ref"] is { } reference)
            schema = Schema(document, reference.Split('/')[^1]);
        if (value is null) return nullable || (bool?)schema["nullable"] == true;
        if (schema["oneOf"] is JsonArray members)
            return members.Count(m => Matches(value, m!, document)) == 1;

        var kind = value.GetValueKind().ToString();
        switch ((string?)schema["type"])
        {
            case "object" when value is JsonObject fields:
                var properties = schema["properties"]?.AsObject() ?? [];
                var required = schema["required"]?.AsArray().Select(r => (string)r!) ?? [];
                return required.All(fields.ContainsKey)
                    && ((bool?)schema["additionalProperties"] != false || fields.All(f => properties.ContainsKey(f.Key)))
                    && fields.Where(f => properties.ContainsKey(f.Key)).All(f => Matches(f.Value, properties[f.Key]!, document));
            case "string":
                return kind == "String" && (schema["enum"] is not JsonArray values || values.Any(v => (string?)v == (string)value!));
            case "integer":
                return kind == "Number";
            case "boolean":
                return kind is "True" or "False";
            default:
                return false;
        }
    }
}
