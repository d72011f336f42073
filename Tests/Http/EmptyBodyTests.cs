using System.Net;

namespace ChatFake.Tests.Http;

/// <summary>A write that sends no body at all is read as <c>{}</c>.</summary>
public sealed class EmptyBodyTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task A_post_with_no_body_and_no_content_type_creates_a_conversation_with_the_defaults()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.PostAsync("/api/conversations", content: null);

        var data = await response.AssertDataAsync(HttpStatusCode.Created);
        Assert.Equal(("New conversation", "gpt-3.5-turbo"), ((string?)data["title"], (string?)data["model_id"]));
    }

    [Fact]
    public async Task A_post_with_no_body_to_a_route_with_required_fields_names_them_in_a_400()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.PostAsync("/api/group-conversations", content: null);

        var envelope = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(envelope["errors"]!["name"]);
        Assert.NotNull(envelope["errors"]!["botIds"]);
    }

    [Fact]
    public async Task An_empty_json_body_counts_as_no_body()
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/auth/login", "");

        var envelope = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(envelope["errors"]!["email"]);
    }
}
