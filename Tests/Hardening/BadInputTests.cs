using System.Net;
using System.Text;
using System.Text.Json;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// A catalogue of bad input on every route that takes a body, each row with the status
/// API.md gives it: always the envelope, never a 500, and nothing stored for a rejected
/// request. Add a route's rows to <see cref="cases"/> (and, when it stores something, a way
/// to prove that it stored nothing to <see cref="nothingStored"/>).
/// </summary>
public sealed class BadInputTests(App app) : IClassFixture<App>
{
    const string Register = "/api/auth/register";
    const string Login = "/api/auth/login";
    const HttpStatusCode BadRequest = HttpStatusCode.BadRequest;

    /// <summary>A body for <see cref="Route"/>, built from a fresh username (32 letters and
    /// digits) and email, so that every row writes its own data.</summary>
    public sealed record Case(string Route, Func<string, string, string> Body, HttpStatusCode Status, string? Field = null,
        string ContentType = "application/json");

    static string Json(object value) => JsonSerializer.Serialize(value);

    static string Registration(object? username, object? email, object? password) => Json(new { username, email, password });

    static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    static string Nested(int depth) => Repeat("[", depth) + Repeat("]", depth);

    static readonly Dictionary<string, Case> cases = new()
    {
        // The body itself
        ["register: malformed JSON"] = new(Register, (u, e) => $$"""{"username":"{{u}}","email":"{{e}}" """, BadRequest),
        ["register: not JSON at all"] = new(Register, (u, e) => $"username={u}&email={e}&password=secret123", BadRequest),
        ["register: empty body"] = new(Register, (_, _) => "", BadRequest),
        ["register: []"] = new(Register, (_, _) => "[]", BadRequest),
        ["register: null"] = new(Register, (_, _) => "null", BadRequest),
        ["register: 42"] = new(Register, (_, _) => "42", BadRequest),
        ["register: a string"] = new(Register, (_, _) => "\"text\"", BadRequest),
        ["register: JSON nested 1000 deep"] = new(Register, (u, e) => $$"""{"username":{{Nested(1000)}},"email":"{{e}}","password":"secret123"}""", BadRequest),
        ["register: JSON as text/plain"] = new(Register, (u, e) => Registration(u, e, "secret123"), BadRequest, ContentType: "text/plain"),
        ["register: unknown fields are ignored"] = new(Register, (u, e) => Json(new { username = u, email = e, password = "secret123", isAdmin = true }), HttpStatusCode.Created),
        // Missing fields and wrong types
        ["register: {}"] = new(Register, (_, _) => "{}", BadRequest, "username"),
        ["register: no username"] = new(Register, (_, e) => Json(new { email = e, password = "secret123" }), BadRequest, "username"),
        ["register: no email"] = new(Register, (u, _) => Json(new { username = u, password = "secret123" }), BadRequest, "email"),
        ["register: no password"] = new(Register, (u, e) => Json(new { username = u, email = e }), BadRequest, "password"),
        ["register: null username"] = new(Register, (_, e) => Registration(null, e, "secret123"), BadRequest, "username"),
        ["register: numeric username"] = new(Register, (_, e) => Registration(12345, e, "secret123"), BadRequest),
        ["register: boolean email"] = new(Register, (u, _) => Registration(u, true, "secret123"), BadRequest),
        ["register: numeric password"] = new(Register, (u, e) => Registration(u, e, 12345678), BadRequest),
        ["register: object username"] = new(Register, (u, e) => Registration(new { u }, e, "secret123"), BadRequest),
        ["register: array email"] = new(Register, (u, e) => Registration(u, new[] { e }, "secret123"), BadRequest),
        ["register: number too big for anything"] = new(Register, (u, e) => $$"""{"username":1e999,"email":"{{e}}","password":"secret123"}""", BadRequest),
        // Empty and blank
        ["register: empty username"] = new(Register, (_, e) => Registration("", e, "secret123"), BadRequest, "username"),
        ["register: empty email"] = new(Register, (u, _) => Registration(u, "", "secret123"), BadRequest, "email"),
        ["register: empty password"] = new(Register, (u, e) => Registration(u, e, ""), BadRequest, "password"),
        ["register: blank username"] = new(Register, (_, e) => Registration("   ", e, "secret123"), BadRequest, "username"),
        ["register: blank email"] = new(Register, (u, _) => Registration(u, "   ", "secret123"), BadRequest, "email"),
        // Lengths at N and N+1 (UTF-16 code units, after trimming)
        ["register: username of 2"] = new(Register, (u, e) => Registration(u[..2], e, "secret123"), BadRequest, "username"),
        ["register: username of 3"] = new(Register, (u, e) => Registration(u[..3], e, "secret123"), HttpStatusCode.Created),
        ["register: username of 32"] = new(Register, (u, e) => Registration(u, e, "secret123"), HttpStatusCode.Created),
        ["register: username of 33"] = new(Register, (u, e) => Registration(u + "x", e, "secret123"), BadRequest, "username"),
        ["register: username of 32 between spaces"] = new(Register, (u, e) => Registration($"  {u}  ", e, "secret123"), HttpStatusCode.Created),
        ["register: password of 5"] = new(Register, (u, e) => Registration(u, e, "12345"), BadRequest, "password"),
        ["register: password of 6"] = new(Register, (u, e) => Registration(u, e, "123456"), HttpStatusCode.Created),
        ["register: password of 128"] = new(Register, (u, e) => Registration(u, e, new string('p', 128)), HttpStatusCode.Created),
        ["register: password of 129"] = new(Register, (u, e) => Registration(u, e, new string('p', 129)), BadRequest, "password"),
        ["register: password of 64 emoji (128 code units)"] = new(Register, (u, e) => Registration(u, e, Repeat("😀", 64)), HttpStatusCode.Created),
        ["register: password of 65 emoji (130 code units)"] = new(Register, (u, e) => Registration(u, e, Repeat("😀", 65)), BadRequest, "password"),
        ["register: email of 254"] = new(Register, (u, e) => Registration(u, new string('m', 254 - e.Length) + e, "secret123"), HttpStatusCode.Created),
        ["register: email of 255"] = new(Register, (u, e) => Registration(u, new string('m', 255 - e.Length) + e, "secret123"), BadRequest, "email"),
        // Control characters, NUL, broken and very long unicode
        ["register: NUL in username"] = new(Register, (u, e) => Registration(u[..5] + "\0" + u[5..10], e, "secret123"), BadRequest, "username"),
        ["register: bell in username"] = new(Register, (u, e) => Registration(u[..5] + "\a" + u[5..10], e, "secret123"), BadRequest, "username"),
        ["register: newline in username"] = new(Register, (u, e) => Registration(u[..5] + "\n" + u[5..10], e, "secret123"), BadRequest, "username"),
        ["register: NUL in email"] = new(Register, (u, e) => Registration(u, "\0" + e, "secret123"), BadRequest, "email"),
        ["register: escape character in email"] = new(Register, (u, e) => Registration(u, "\u001b" + e, "secret123"), BadRequest, "email"),
        ["register: newline in email"] = new(Register, (u, e) => Registration(u, e.Replace("@", "\n@"), "secret123"), BadRequest, "email"),
        ["register: lone surrogate in username"] = new(Register, (u, e) => $$"""{"username":"\ud800{{u[..8]}}","email":"{{e}}","password":"secret123"}""", BadRequest),
        ["register: 10000 emoji as username"] = new(Register, (_, e) => Registration(Repeat("😀", 10_000), e, "secret123"), BadRequest, "username"),
        ["register: 10000 accented letters in the email"] = new(Register, (u, _) => Registration(u, Repeat("é", 10_000) + "@example.com", "secret123"), BadRequest, "email"),
        ["register: 10000 emoji as password"] = new(Register, (u, e) => Registration(u, e, Repeat("😀", 10_000)), BadRequest, "password"),

        ["login: malformed JSON"] = new(Login, (_, e) => $$"""{"email":"{{e}}" """, BadRequest),
        ["login: empty body"] = new(Login, (_, _) => "", BadRequest),
        ["login: []"] = new(Login, (_, _) => "[]", BadRequest),
        ["login: null"] = new(Login, (_, _) => "null", BadRequest),
        ["login: 42"] = new(Login, (_, _) => "42", BadRequest),
        ["login: {}"] = new(Login, (_, _) => "{}", BadRequest, "email"),
        ["login: no password"] = new(Login, (_, e) => Json(new { email = e }), BadRequest, "password"),
        ["login: numeric email"] = new(Login, (_, _) => Json(new { email = 42, password = "secret123" }), BadRequest),
        ["login: boolean password"] = new(Login, (_, e) => Json(new { email = e, password = true }), BadRequest),
        ["login: empty email"] = new(Login, (_, _) => Json(new { email = "", password = "secret123" }), BadRequest, "email"),
        ["login: blank email"] = new(Login, (_, _) => Json(new { email = "   ", password = "secret123" }), BadRequest, "email"),
        ["login: empty password"] = new(Login, (_, e) => Json(new { email = e, password = "" }), BadRequest, "password"),
        ["login: lone surrogate in email"] = new(Login, (_, e) => $$"""{"email":"\udc00{{e}}","password":"secret123"}""", BadRequest),
        // Well-formed credentials that match nobody are a 401, whatever they contain.
        ["login: NUL in email"] = new(Login, (_, e) => Json(new { email = "\0" + e, password = "secret123" }), HttpStatusCode.Unauthorized),
        ["login: 10000 emoji as email"] = new(Login, (_, _) => Json(new { email = Repeat("😀", 10_000), password = "secret123" }), HttpStatusCode.Unauthorized),
        ["login: 100000 characters of password"] = new(Login, (_, e) => Json(new { email = e, password = new string('p', 100_000) }), HttpStatusCode.Unauthorized),
    };

    /// <summary>Proves that a rejected request to the route stored nothing.</summary>
    static readonly Dictionary<string, Func<HttpClient, string, string, Task>> nothingStored = new()
    {
        // Neither the username nor the email was taken: registering them now succeeds.
        [Register] = async (client, username, email) => await (await client.SendJsonAsync(HttpMethod.Post, Register,
            new { username, email, password = "secret123" })).AssertDataAsync(HttpStatusCode.Created),
        // Login stores nothing.
        [Login] = (_, _, _) => Task.CompletedTask,
    };

    public static TheoryData<string> Names => new(cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Gets_the_documented_status_in_the_envelope_and_a_rejected_request_stores_nothing(string name)
    {
        var row = cases[name];
        var username = Guid.NewGuid().ToString("N"); // 32 letters and digits
        var email = $"{username[..12]}@example.com";
        var client = app.Anonymous();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, row.Route)
        {
            Content = new StringContent(row.Body(username, email), Encoding.UTF8, row.ContentType),
        });

        if ((int)row.Status < 400)
        {
            await response.AssertDataAsync(row.Status);
            return;
        }
        var body = await response.AssertErrorAsync(row.Status);
        if (row.Field is not null)
            Assert.True(body["errors"]?[row.Field] is not null, $"no errors.{row.Field} in {body.ToJsonString()}");
        await nothingStored[row.Route](client, username, email);
    }

    [Fact]
    public async Task A_password_of_spaces_that_registration_accepts_also_logs_in()
    {
        var name = "sp" + Guid.NewGuid().ToString("N")[..10];
        var client = app.Anonymous();
        await (await client.SendJsonAsync(HttpMethod.Post, Register, new { username = name, email = $"{name}@example.com", password = "      " }))
            .AssertDataAsync(HttpStatusCode.Created);
        await (await client.SendJsonAsync(HttpMethod.Post, Login, new { email = $"{name}@example.com", password = "      " })).AssertDataAsync();
        await (await client.SendJsonAsync(HttpMethod.Post, Login, new { email = $"{name}@example.com", password = "     " }))
            .AssertErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_are_a_400()
    {
        var content = new ByteArrayContent([.. "{\"email\":\""u8, 0xff, 0xfe, .. "\",\"password\":\"secret123\"}"u8]);
        content.Headers.ContentType = new("application/json");
        foreach (var route in new[] { Register, Login })
            await (await app.Anonymous().PostAsync(route, content)).AssertErrorAsync(BadRequest);
    }

    [Fact]
    public void Every_route_that_takes_a_body_has_rows_in_the_catalogue()
    {
        var routesWithBodies = Route.All(app).Where(r => r.HasBody && !r.Hidden).Select(r => r.Pattern).Distinct();
        var missing = routesWithBodies.Where(route => !cases.Values.Any(c => c.Route == route)).ToList();
        Assert.True(missing.Count == 0, "no bad-input rows yet for: " + string.Join(", ", missing));
    }
}
