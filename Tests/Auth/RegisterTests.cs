using System.Net;
using System.Net.Http.Json;

namespace ChatFake.Tests.Auth;

public sealed class RegisterTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Creates_the_user_and_answers_201_with_a_token_and_no_password()
    {
        var name = "alice" + Guid.NewGuid().ToString("N")[..6];
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register",
            new { username = name, email = $"  {name.ToUpperInvariant()}@Example.COM ", password = "secret1" });

        var data = await response.AssertDataAsync(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty((string?)data["token"]));
        var user = data["user"]!.AsObject();
        Assert.Equal(["id", "username", "email", "created_at", "updated_at"], user.Select(p => p.Key));
        Assert.Equal(name, (string?)user["username"]);
        Assert.Equal($"{name}@example.com", (string?)user["email"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)user["created_at"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("{\"username\":")]
    [InlineData("{\"username\":12,\"email\":\"a@b.co\",\"password\":\"secret1\"}")]
    [InlineData("{}")]
    public async Task Rejects_bodies_that_are_not_a_valid_object(string body)
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/auth/register", body);
        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
    }
}
