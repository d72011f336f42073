using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace ChatFake.Tests.Auth;

public sealed class LoginTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Answers_a_working_token_and_the_user_for_the_right_password()
    {
        var user = await app.NewUserAsync();

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login",
            new { email = $"{user.Username}@example.com", password = "secret123" });

        var data = await response.AssertDataAsync();
        Assert.Equal(["token", "user"], data.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "username", "email", "created_at", "updated_at"], data["user"]!.AsObject().Select(p => p.Key));
        Assert.Equal(user.Id, (string?)data["user"]!["id"]);
        Assert.Equal(user.Username, (string?)data["user"]!["username"]);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)data["token"]!);
        var me = await (await client.GetAsync("/api/auth/me")).AssertDataAsync();
        Assert.Equal(user.Id, (string?)me["id"]);
    }

    [Fact]
    public async Task Reads_the_email_trimmed_and_case_insensitively()
    {
        var user = await app.NewUserAsync();

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login",
            new { email = $"  {user.Username.ToUpperInvariant()}@EXAMPLE.com ", password = "secret123" });

        Assert.Equal(user.Id, (string?)(await response.AssertDataAsync())["user"]!["id"]);
    }

    [Fact]
    public async Task Logs_in_the_seeded_account()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { email = "test@test.com", password = "123456" });

        Assert.Equal("testuser", (string?)(await response.AssertDataAsync())["user"]!["username"]);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var user = await app.NewUserAsync();

        var wrongPassword = await app.Anonymous().PostAsJsonAsync("/api/auth/login",
            new { email = $"{user.Username}@example.com", password = "secret124" });
        var unknownEmail = await app.Anonymous().PostAsJsonAsync("/api/auth/login",
            new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "secret123" });

        var first = await wrongPassword.AssertErrorAsync(HttpStatusCode.Unauthorized);
        var second = await unknownEmail.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("""{"success":false,"error":"Invalid email or password"}""", first.ToJsonString());
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Theory]
    [InlineData("""{"password":"secret123"}""", "email")]
    [InlineData("""{"email":null,"password":"secret123"}""", "email")]
    [InlineData("""{"email":"","password":"secret123"}""", "email")]
    [InlineData("""{"email":42,"password":"secret123"}""", "email")]
    [InlineData("""{"email":"a@b.co"}""", "password")]
    [InlineData("""{"email":"a@b.co","password":null}""", "password")]
    [InlineData("""{"email":"a@b.co","password":""}""", "password")]
    [InlineData("""{"email":"a@b.co","password":123456}""", "password")]
    public async Task Missing_or_wrongly_typed_fields_are_400_not_401(string body, string field)
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/auth/login", body);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]![field]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"email\":")]
    public async Task A_body_that_is_not_a_complete_object_is_400(string body)
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/auth/login", body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
    }
}
