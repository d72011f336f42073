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

    static string Unique(string prefix = "u") => prefix + Guid.NewGuid().ToString("N")[..8];

    static object Body(string username, string? email = null, string password = "secret1") =>
        new { username, email = email ?? $"{username}@example.com", password };

    [Theory]
    [InlineData(3)]
    [InlineData(32)]
    public async Task Accepts_a_username_of_3_to_32_characters(int length)
    {
        var username = (Unique("x") + new string('y', 32))[..length];

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(username, $"{Unique()}@example.com"));

        Assert.Equal(username, (string?)(await response.AssertDataAsync(HttpStatusCode.Created))["user"]!["username"]);
    }

    [Fact]
    public async Task Accepts_letters_digits_underscore_and_dash_in_a_username()
    {
        var username = Unique("A_b-9");

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(username));

        Assert.Equal(username, (string?)(await response.AssertDataAsync(HttpStatusCode.Created))["user"]!["username"]);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    [InlineData("al ice")]
    [InlineData("alice!")]
    [InlineData("al.ice")]
    [InlineData("ålice")]
    [InlineData("用户名")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Rejects_a_username_outside_3_to_32_letters_digits_underscore_dash(string username)
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(username, $"{Unique()}@example.com"));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["username"], error["errors"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(128)]
    public async Task Accepts_a_password_of_6_to_128_characters(int length)
    {
        var username = Unique();
        var password = new string('p', length);

        var registered = await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(username, password: password));
        var login = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { email = $"{username}@example.com", password });

        await registered.AssertDataAsync(HttpStatusCode.Created);
        await login.AssertDataAsync();
    }

    [Theory]
    [InlineData(5)]
    [InlineData(129)]
    public async Task Rejects_a_password_outside_6_to_128_characters(int length)
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(Unique(), password: new string('p', length)));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["password"], error["errors"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a@b")]
    [InlineData("@example.com")]
    [InlineData("a b@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("a@example.")]
    [InlineData("")]
    public async Task Rejects_an_invalid_email(string email)
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(Unique(), email));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["email"], error["errors"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("""{"email":"a@b.co","password":"secret1"}""", "username")]
    [InlineData("""{"username":null,"email":"a@b.co","password":"secret1"}""", "username")]
    [InlineData("""{"username":"bob","password":"secret1"}""", "email")]
    [InlineData("""{"username":"bob","email":true,"password":"secret1"}""", "email")]
    [InlineData("""{"username":"bob","email":"a@b.co"}""", "password")]
    [InlineData("""{"username":"bob","email":"a@b.co","password":123456}""", "password")]
    public async Task Names_the_missing_or_wrongly_typed_field(string body, string field)
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/auth/register", body);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(error["errors"]![field]);
    }

    [Fact]
    public async Task A_username_taken_in_any_casing_is_409()
    {
        var username = Unique("Bob");
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(username))).AssertDataAsync(HttpStatusCode.Created);

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register",
            Body(username.ToUpperInvariant(), $"{Unique()}@example.com"));

        var error = await response.AssertErrorAsync(HttpStatusCode.Conflict);
        Assert.Equal("""{"success":false,"error":"Username already taken","errors":{"username":["username is already taken"]}}""",
            error.ToJsonString());
    }

    [Fact]
    public async Task An_email_taken_in_any_casing_is_409()
    {
        var email = $"{Unique()}@example.com";
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(Unique(), email))).AssertDataAsync(HttpStatusCode.Created);

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", Body(Unique(), " " + email.ToUpperInvariant()));

        var error = await response.AssertErrorAsync(HttpStatusCode.Conflict);
        Assert.Equal("""{"success":false,"error":"Email already registered","errors":{"email":["email is already registered"]}}""",
            error.ToJsonString());
    }
}
