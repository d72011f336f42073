using System.Net;
using System.Text.Json;
using ChatFake.Features.Conversations;
using Create = ChatFake.Features.Conversations.Create;
using Get = ChatFake.Features.Conversations.Get;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Tests.Models;
using FastEndpoints;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Conversations;

public sealed class CreateTests(App app) : IClassFixture<App>
{
    [Theory]
    [InlineData("{}")]
    [InlineData("""{"title":null,"modelId":null}""")]
    [InlineData("""{"unknown":"fields are ignored"}""")]
    public async Task Without_title_or_model_uses_the_defaults_and_stores_the_model_explicitly(string body)
    {
        var user = await app.NewUserAsync();
        app.Time.Advance(TimeSpan.FromSeconds(1));

        var response = await user.Http.SendRawAsync(HttpMethod.Post, "/api/conversations", body);

        var data = await response.AssertDataAsync(HttpStatusCode.Created);
        Assert.Equal(ConversationSteps.ConversationFields, data.Keys());
        Assert.Equal("New conversation", (string?)data["title"]);
        Assert.Equal("gpt-3.5-turbo", (string?)data["model_id"]);
        Assert.Equal(user.Id, (string?)data["user_id"]);
        Assert.Empty(data["tags"]!.AsArray());
        var now = Timestamps.Format(app.Time.GetUtcNow().UtcDateTime);
        Assert.Equal(now, (string?)data["created_at"]);
        Assert.Equal(now, (string?)data["updated_at"]);

        var stored = app.Services.GetRequiredService<ChatDb>().Conversations.FindById((string)data["id"]!);
        Assert.Equal("gpt-3.5-turbo", stored.ModelId);
        Assert.Equal(user.Id, stored.UserId);
    }

    [Fact]
    public async Task Stores_the_trimmed_title_and_the_model_given()
    {
        var user = await app.NewUserAsync();

        var (response, created) = await user.Http.POSTAsync<Create.Endpoint, Create.Request, Envelope<ConversationDto>>(
            new() { Title = "  GPT-4 对话 \n", ModelId = "gpt-4-turbo" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var (_, read) = await user.Http.GETAsync<Get.Endpoint, Get.Request, Envelope<ConversationDto>>(new() { Id = created.Data.Id });
        Assert.Equal("GPT-4 对话", created.Data.Title);
        Assert.Equal("gpt-4-turbo", created.Data.ModelId);
        Assert.Equal(JsonSerializer.Serialize(created.Data), JsonSerializer.Serialize(read.Data));
    }

    [Theory]
    [InlineData("claude-3-opus")]
    [InlineData("claude-3-sonnet")]
    [InlineData("gpt-3.5-turbo")]
    [InlineData("gpt-4")]
    [InlineData("gpt-4-turbo")]
    public async Task Accepts_every_active_model(string modelId)
    {
        var user = await app.NewUserAsync();

        var data = await user.CreateConversationAsync(new { modelId });

        Assert.Equal(modelId, (string?)data["model_id"]);
    }

    [Fact]
    public async Task Accepts_a_title_of_200_characters_after_trimming()
    {
        var user = await app.NewUserAsync();
        var title = new string('t', 200);

        var data = await user.CreateConversationAsync(new { title = $"  {title}  " });

        Assert.Equal(title, (string?)data["title"]);
    }

    [Fact]
    public async Task Counts_title_length_in_UTF16_code_units()
    {
        var user = await app.NewUserAsync();
        var hundredEmoji = string.Concat(Enumerable.Repeat("😀", 100));

        var data = await user.CreateConversationAsync(new { title = hundredEmoji });
        var response = await user.Http.SendJsonAsync(HttpMethod.Post, "/api/conversations", new { title = hundredEmoji + "a" });

        Assert.Equal(hundredEmoji, (string?)data["title"]);
        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(body["errors"]!["title"]);
    }

    [Theory]
    [InlineData("""{"title":""}""")]
    [InlineData("""{"title":"   "}""")]
    [InlineData("""{"title":"\t\n"}""")]
    [InlineData("""{"title":42}""")]
    [InlineData("""{"title":true}""")]
    [InlineData("""{"title":["a"]}""")]
    [InlineData("""{"title":{"a":1}}""")]
    public async Task Rejects_a_blank_or_non_string_title_and_stores_nothing(string body)
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.SendRawAsync(HttpMethod.Post, "/api/conversations", body);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]!["title"]);
        Assert.Empty(await user.ListTitlesAsync());
    }

    [Fact]
    public async Task Rejects_a_title_of_201_characters()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.SendJsonAsync(HttpMethod.Post, "/api/conversations", new { title = new string('t', 201) });

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["title must be at most 200 characters"], error["errors"]!["title"].Strings());
        Assert.Empty(await user.ListTitlesAsync());
    }

    [Theory]
    [InlineData("\"gpt-5\"")]
    [InlineData("\"GPT-4\"")]
    [InlineData("\"\"")]
    [InlineData("\" gpt-4 \"")]
    [InlineData("\"" + RetiredModel.Id + "\"")]
    [InlineData("42")]
    [InlineData("[\"gpt-4\"]")]
    public async Task Rejects_a_model_that_is_not_an_active_model_id_and_stores_nothing(string modelJson)
    {
        RetiredModel.EnsureIn(app);
        var user = await app.NewUserAsync();

        var response = await user.Http.SendRawAsync(HttpMethod.Post, "/api/conversations", $$"""{"title":"x","modelId":{{modelJson}}}""");

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]!["modelId"]);
        Assert.Empty(await user.ListTitlesAsync());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"title\"")]
    [InlineData("{\"title\":")]
    public async Task Rejects_a_body_that_is_not_a_JSON_object_and_stores_nothing(string body)
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.SendRawAsync(HttpMethod.Post, "/api/conversations", body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await user.ListTitlesAsync());
    }

    [Fact]
    public async Task Requires_a_token()
    {
        var response = await app.Anonymous().SendJsonAsync(HttpMethod.Post, "/api/conversations", new { title = "x" });

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
