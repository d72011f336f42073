using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatFake.Tests.Auth;

public sealed class MeTests(App app) : IClassFixture<App>
{
    HttpClient WithToken(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Returns_the_tokens_user_without_secrets()
    {
        var user = await app.NewUserAsync();

        var data = await (await user.Http.GetAsync("/api/auth/me")).AssertDataAsync();

        Assert.Equal(["id", "username", "email", "created_at", "updated_at"], data.AsObject().Select(p => p.Key));
        Assert.Equal(user.Id, (string?)data["id"]);
        Assert.Equal(user.Username, (string?)data["username"]);
        Assert.Equal($"{user.Username}@example.com", (string?)data["email"]);
    }

    [Fact]
    public async Task Without_a_token_is_401()
    {
        var response = await app.Anonymous().GetAsync("/api/auth/me");

        var error = await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Authentication required", (string?)error["error"]);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task A_garbage_token_is_401(string token)
    {
        var response = await WithToken(token).GetAsync("/api/auth/me");

        var error = await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid token", (string?)error["error"]);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var user = await app.NewUserAsync();
        var now = app.Time.GetUtcNow().UtcDateTime;
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, user.Id), new Claim("username", user.Username)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-secret-of-at-least-32-bytes-0123")), SecurityAlgorithms.HmacSha256),
        });

        var response = await WithToken(forged).GetAsync("/api/auth/me");

        var error = await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid token", (string?)error["error"]);
    }

    [Fact]
    public async Task A_token_is_accepted_until_JWT_EXPIRES_IN_and_refused_after()
    {
        var user = await app.NewUserAsync();

        app.Time.Advance(TimeSpan.FromMinutes(59));
        await (await user.Http.GetAsync("/api/auth/me")).AssertDataAsync();

        app.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var response = await user.Http.GetAsync("/api/auth/me");

        var error = await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Token expired", (string?)error["error"]);
    }

    [Fact]
    public async Task Another_scheme_is_401()
    {
        var user = await app.NewUserAsync();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", user.Token);

        await (await client.GetAsync("/api/auth/me")).AssertErrorAsync(HttpStatusCode.Unauthorized);
    }
}
