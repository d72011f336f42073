using System.Net;
using System.Text;

namespace ChatFake.Tests.Http;

/// <summary>Failures that no slice handles itself still answer in the envelope (docs/API.md, "Conventions").</summary>
public sealed class ErrorEnvelopeTests(App app) : IClassFixture<App>
{
    [Theory]
    [InlineData("{\"username\":", "Malformed JSON body")]
    [InlineData("not json", "Malformed JSON body")]
    [InlineData("{\"a\":1}}", "Malformed JSON body")]
    [InlineData("[]", "The request body must be a JSON object")]
    [InlineData("42", "The request body must be a JSON object")]
    public async Task A_body_that_is_not_a_JSON_object_is_a_400(string body, string error)
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/auth/register", body);

        var envelope = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(error, (string?)envelope["error"]);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named_in_errors()
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/auth/register",
            "{\"username\":\"bob\",\"email\":[1],\"password\":\"secret1\"}");

        var envelope = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("email has the wrong JSON type", (string?)envelope["errors"]!["email"]![0]);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_at_all_is_a_400_not_a_415()
    {
        var response = await app.Anonymous().PostAsync("/api/auth/login",
            new StringContent("email=a@b.co", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_envelope_with_or_without_a_token()
    {
        var user = await app.NewUserAsync();

        var anonymous = await app.Anonymous().GetAsync("/api/nope");
        var withToken = await user.Http.GetAsync("/api/conversations-nope/1");

        Assert.Equal("Route not found: GET /api/nope", (string?)(await anonymous.AssertErrorAsync(HttpStatusCode.NotFound))["error"]);
        await withToken.AssertErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_known_path_with_the_wrong_method_is_an_enveloped_405()
    {
        var user = await app.NewUserAsync();

        var response = await user.Http.DeleteAsync("/api/auth/me");

        await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed);
    }
}
