using ChatFake.FakeModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatFake.Infrastructure.Data;
using ChatFake.Tests.Conversations;
using ChatFake.Tests.Groups.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// A catalogue of bad input on every route that takes a body or a query, each row with the
/// status docs/API.md gives it: always the envelope, never a 500, and nothing stored for a rejected
/// request. A row's route may name <c>{id}</c>: the row's own conversation (under
/// /api/conversations/) or group (under /api/group-conversations/), created through the API
/// for that row. A rejected request must leave everything its user can read, and the number
/// of stored documents, as it was.
/// </summary>
public sealed class BadInputTests(BadInputTests.OneUserApp app) : IClassFixture<BadInputTests.OneUserApp>
{
    /// <summary>The app with one user for all the rows (registering a user per row would
    /// spend most of the time on BCrypt); each row still gets resources of its own.</summary>
    public sealed class OneUserApp : App
    {
        Task<UserClient>? user;

        public Task<UserClient> UserAsync() => user ??= NewUserAsync();
    }

    const string Register = "/api/auth/register";
    const string Login = "/api/auth/login";
    const string Conversations = "/api/conversations";
    const string Conversation = "/api/conversations/{id}";
    const string Tags = "/api/conversations/{id}/tags";
    const string Model = "/api/conversations/{id}/model";
    const string Messages = "/api/conversations/{id}/messages";
    const string Stream = "/api/conversations/{id}/messages/stream";
    const string Groups = "/api/group-conversations";
    const string GroupMessages = "/api/group-conversations/{id}/messages";
    const string GroupStream = "/api/group-conversations/{id}/messages/stream";

    const HttpStatusCode BadRequest = HttpStatusCode.BadRequest;
    const HttpStatusCode Ok = HttpStatusCode.OK;
    const HttpStatusCode Created = HttpStatusCode.Created;

    /// <summary>One request and the status docs/API.md gives it; <see cref="Field"/>: the field that
    /// <c>errors</c> must name. The body is built from a fresh username (32 letters and digits)
    /// and email, which only the auth rows use, so that every row writes its own data.</summary>
    public sealed record Case(string Method, string Route, Func<string, string, string>? Body, HttpStatusCode Status, string? Field = null)
    {
        public string ContentType { get; init; } = "application/json";
        public string? Scenario { get; init; }
    }

    static Case Post(string route, Func<string, string, string> body, HttpStatusCode status, string? field = null) => new("POST", route, body, status, field);
    static Case Post(string route, string body, HttpStatusCode status, string? field = null) => Send("POST", route, body, status, field);
    static Case Patch(string route, string body, HttpStatusCode status, string? field = null) => Send("PATCH", route, body, status, field);
    static Case Put(string route, string body, HttpStatusCode status, string? field = null) => Send("PUT", route, body, status, field);
    static Case Send(string method, string route, string body, HttpStatusCode status, string? field = null) => new(method, route, (_, _) => body, status, field);
    static Case Get(string route, HttpStatusCode status, string? field = null) => new("GET", route, null, status, field);

    static string Json(object? value) => JsonSerializer.Serialize(value);

    static string Registration(object? username, object? email, object? password) => Json(new { username, email, password });

    static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    static string Nested(int depth) => Repeat("[", depth) + Repeat("]", depth);

    static string Title(object? title) => Json(new { title });

    static string TagList(object? tags) => Json(new { tags });

    static string ModelId(object? modelId) => Json(new { modelId });

    static string Content(object? content) => Json(new { content });

    static string Group(object? name, object? botIds) => Json(new { name, botIds });

    static readonly string[] bots = ["bot-cs", "bot-tech"];

    static readonly Dictionary<string, Case> cases = Catalogue();

    static Dictionary<string, Case> Catalogue()
    {
        var rows = new Dictionary<string, Case>
        {
            // Register: the body itself
            ["register: malformed JSON"] = Post(Register, (u, e) => $$"""{"username":"{{u}}","email":"{{e}}" """, BadRequest),
            ["register: not JSON at all"] = Post(Register, (u, e) => $"username={u}&email={e}&password=secret123", BadRequest),
            ["register: empty body"] = Post(Register, (_, _) => "", BadRequest),
            ["register: []"] = Post(Register, (_, _) => "[]", BadRequest),
            ["register: null"] = Post(Register, (_, _) => "null", BadRequest),
            ["register: 42"] = Post(Register, (_, _) => "42", BadRequest),
            ["register: a string"] = Post(Register, (_, _) => "\"text\"", BadRequest),
            ["register: JSON nested 1000 deep"] = Post(Register, (u, e) => $$"""{"username":{{Nested(1000)}},"email":"{{e}}","password":"secret123"}""", BadRequest),
            ["register: JSON as text/plain"] = Post(Register, (u, e) => Registration(u, e, "secret123"), BadRequest) with { ContentType = "text/plain" },
            ["register: unknown fields are ignored"] = Post(Register, (u, e) => Json(new { username = u, email = e, password = "secret123", isAdmin = true }), HttpStatusCode.Created),
            // Missing fields and wrong types
            ["register: {}"] = Post(Register, (_, _) => "{}", BadRequest, "username"),
            ["register: no username"] = Post(Register, (_, e) => Json(new { email = e, password = "secret123" }), BadRequest, "username"),
            ["register: no email"] = Post(Register, (u, _) => Json(new { username = u, password = "secret123" }), BadRequest, "email"),
            ["register: no password"] = Post(Register, (u, e) => Json(new { username = u, email = e }), BadRequest, "password"),
            ["register: null username"] = Post(Register, (_, e) => Registration(null, e, "secret123"), BadRequest, "username"),
            ["register: numeric username"] = Post(Register, (_, e) => Registration(12345, e, "secret123"), BadRequest),
            ["register: boolean email"] = Post(Register, (u, _) => Registration(u, true, "secret123"), BadRequest),
            ["register: numeric password"] = Post(Register, (u, e) => Registration(u, e, 12345678), BadRequest),
            ["register: object username"] = Post(Register, (u, e) => Registration(new { u }, e, "secret123"), BadRequest),
            ["register: array email"] = Post(Register, (u, e) => Registration(u, new[] { e }, "secret123"), BadRequest),
            ["register: number too big for anything"] = Post(Register, (u, e) => $$"""{"username":1e999,"email":"{{e}}","password":"secret123"}""", BadRequest),
            // Empty and blank
            ["register: empty username"] = Post(Register, (_, e) => Registration("", e, "secret123"), BadRequest, "username"),
            ["register: empty email"] = Post(Register, (u, _) => Registration(u, "", "secret123"), BadRequest, "email"),
            ["register: empty password"] = Post(Register, (u, e) => Registration(u, e, ""), BadRequest, "password"),
            ["register: blank username"] = Post(Register, (_, e) => Registration("   ", e, "secret123"), BadRequest, "username"),
            ["register: blank email"] = Post(Register, (u, _) => Registration(u, "   ", "secret123"), BadRequest, "email"),
            // Lengths at N and N+1 (UTF-16 code units, after trimming)
            ["register: username of 2"] = Post(Register, (u, e) => Registration(u[..2], e, "secret123"), BadRequest, "username"),
            ["register: username of 3"] = Post(Register, (u, e) => Registration(u[..3], e, "secret123"), HttpStatusCode.Created),
            ["register: username of 32"] = Post(Register, (u, e) => Registration(u, e, "secret123"), HttpStatusCode.Created),
            ["register: username of 33"] = Post(Register, (u, e) => Registration(u + "x", e, "secret123"), BadRequest, "username"),
            ["register: username of 32 between spaces"] = Post(Register, (u, e) => Registration($"  {u}  ", e, "secret123"), HttpStatusCode.Created),
            ["register: password of 5"] = Post(Register, (u, e) => Registration(u, e, "12345"), BadRequest, "password"),
            ["register: password of 6"] = Post(Register, (u, e) => Registration(u, e, "123456"), HttpStatusCode.Created),
            ["register: password of 128"] = Post(Register, (u, e) => Registration(u, e, new string('p', 128)), HttpStatusCode.Created),
            ["register: password of 129"] = Post(Register, (u, e) => Registration(u, e, new string('p', 129)), BadRequest, "password"),
            ["register: password of 64 emoji (128 code units)"] = Post(Register, (u, e) => Registration(u, e, Repeat("😀", 64)), HttpStatusCode.Created),
            ["register: password of 65 emoji (130 code units)"] = Post(Register, (u, e) => Registration(u, e, Repeat("😀", 65)), BadRequest, "password"),
            ["register: email of 254"] = Post(Register, (u, e) => Registration(u, new string('m', 254 - e.Length) + e, "secret123"), HttpStatusCode.Created),
            ["register: email of 255"] = Post(Register, (u, e) => Registration(u, new string('m', 255 - e.Length) + e, "secret123"), BadRequest, "email"),
            // Control characters, NUL, broken and very long unicode
            ["register: NUL in username"] = Post(Register, (u, e) => Registration(u[..5] + "\0" + u[5..10], e, "secret123"), BadRequest, "username"),
            ["register: bell in username"] = Post(Register, (u, e) => Registration(u[..5] + "\a" + u[5..10], e, "secret123"), BadRequest, "username"),
            ["register: newline in username"] = Post(Register, (u, e) => Registration(u[..5] + "\n" + u[5..10], e, "secret123"), BadRequest, "username"),
            ["register: NUL in email"] = Post(Register, (u, e) => Registration(u, "\0" + e, "secret123"), BadRequest, "email"),
            ["register: escape character in email"] = Post(Register, (u, e) => Registration(u, "\u001b" + e, "secret123"), BadRequest, "email"),
            ["register: newline in email"] = Post(Register, (u, e) => Registration(u, e.Replace("@", "\n@"), "secret123"), BadRequest, "email"),
            ["register: lone surrogate in username"] = Post(Register, (u, e) => $$"""{"username":"\ud800{{u[..8]}}","email":"{{e}}","password":"secret123"}""", BadRequest),
            ["register: 10000 emoji as username"] = Post(Register, (_, e) => Registration(Repeat("😀", 10_000), e, "secret123"), BadRequest, "username"),
            ["register: 10000 accented letters in the email"] = Post(Register, (u, _) => Registration(u, Repeat("é", 10_000) + "@example.com", "secret123"), BadRequest, "email"),
            ["register: 10000 emoji as password"] = Post(Register, (u, e) => Registration(u, e, Repeat("😀", 10_000)), BadRequest, "password"),

            ["login: malformed JSON"] = Post(Login, (_, e) => $$"""{"email":"{{e}}" """, BadRequest),
            ["login: empty body"] = Post(Login, (_, _) => "", BadRequest),
            ["login: []"] = Post(Login, (_, _) => "[]", BadRequest),
            ["login: null"] = Post(Login, (_, _) => "null", BadRequest),
            ["login: 42"] = Post(Login, (_, _) => "42", BadRequest),
            ["login: {}"] = Post(Login, (_, _) => "{}", BadRequest, "email"),
            ["login: no password"] = Post(Login, (_, e) => Json(new { email = e }), BadRequest, "password"),
            ["login: numeric email"] = Post(Login, (_, _) => Json(new { email = 42, password = "secret123" }), BadRequest),
            ["login: boolean password"] = Post(Login, (_, e) => Json(new { email = e, password = true }), BadRequest),
            ["login: empty email"] = Post(Login, (_, _) => Json(new { email = "", password = "secret123" }), BadRequest, "email"),
            ["login: blank email"] = Post(Login, (_, _) => Json(new { email = "   ", password = "secret123" }), BadRequest, "email"),
            ["login: empty password"] = Post(Login, (_, e) => Json(new { email = e, password = "" }), BadRequest, "password"),
            ["login: lone surrogate in email"] = Post(Login, (_, e) => $$"""{"email":"\udc00{{e}}","password":"secret123"}""", BadRequest),
            // Well-formed credentials that match nobody are a 401, whatever they contain.
            ["login: NUL in email"] = Post(Login, (_, e) => Json(new { email = "\0" + e, password = "secret123" }), HttpStatusCode.Unauthorized),
            ["login: 10000 emoji as email"] = Post(Login, (_, _) => Json(new { email = Repeat("😀", 10_000), password = "secret123" }), HttpStatusCode.Unauthorized),
            ["login: 100000 characters of password"] = Post(Login, (_, e) => Json(new { email = e, password = new string('p', 100_000) }), HttpStatusCode.Unauthorized),

            // Conversations: create, rename, tags, model
            ["create conversation: {} takes the defaults"] = Post(Conversations, "{}", Created),
            ["create conversation: null title and model take the defaults"] = Post(Conversations, Json(new { title = (string?)null, modelId = (string?)null }), Created),
            ["create conversation: numeric title"] = Post(Conversations, Title(123), BadRequest, "title"),
            ["create conversation: boolean title"] = Post(Conversations, Title(true), BadRequest, "title"),
            ["create conversation: array title"] = Post(Conversations, Title(new[] { "a" }), BadRequest, "title"),
            ["create conversation: numeric modelId"] = Post(Conversations, ModelId(4), BadRequest, "modelId"),
            ["create conversation: empty title"] = Post(Conversations, Title(""), BadRequest, "title"),
            ["create conversation: blank title"] = Post(Conversations, Title("   "), BadRequest, "title"),
            ["create conversation: title of tabs and newlines"] = Post(Conversations, Title("\t\n\r "), BadRequest, "title"),
            ["create conversation: title of 200"] = Post(Conversations, Title(new string('t', 200)), Created),
            ["create conversation: title of 201"] = Post(Conversations, Title(new string('t', 201)), BadRequest, "title"),
            ["create conversation: title of 200 between spaces"] = Post(Conversations, Title($"  {new string('t', 200)}  "), Created),
            ["create conversation: title of 100 emoji (200 code units)"] = Post(Conversations, Title(Repeat("😀", 100)), Created),
            ["create conversation: title of 101 emoji (202 code units)"] = Post(Conversations, Title(Repeat("😀", 101)), BadRequest, "title"),
            ["create conversation: title of 10000 emoji"] = Post(Conversations, Title(Repeat("😀", 10_000)), BadRequest, "title"),
            ["create conversation: NUL and control characters in the title are text"] = Post(Conversations, Title("a\0b\u0001c\u001bd\u007f"), Created),
            ["create conversation: lone surrogate in the title"] = Post(Conversations, """{"title":"\ud800x"}""", BadRequest),
            ["create conversation: empty modelId"] = Post(Conversations, ModelId(""), BadRequest, "modelId"),
            ["create conversation: unknown modelId"] = Post(Conversations, ModelId("gpt-5"), BadRequest, "modelId"),
            ["create conversation: modelId in another casing"] = Post(Conversations, ModelId("GPT-4"), BadRequest, "modelId"),
            ["create conversation: modelId between spaces"] = Post(Conversations, ModelId(" gpt-4 "), BadRequest, "modelId"),

            ["rename: {}"] = Patch(Conversation, "{}", BadRequest, "title"),
            ["rename: null title"] = Patch(Conversation, Title(null), BadRequest, "title"),
            ["rename: numeric title"] = Patch(Conversation, Title(123), BadRequest, "title"),
            ["rename: object title"] = Patch(Conversation, Title(new { text = "x" }), BadRequest, "title"),
            ["rename: empty title"] = Patch(Conversation, Title(""), BadRequest, "title"),
            ["rename: blank title"] = Patch(Conversation, Title(" \t\n "), BadRequest, "title"),
            ["rename: title of 200"] = Patch(Conversation, Title(new string('t', 200)), Ok),
            ["rename: title of 201"] = Patch(Conversation, Title(new string('t', 201)), BadRequest, "title"),
            ["rename: title of 100 emoji"] = Patch(Conversation, Title(Repeat("😀", 100)), Ok),
            ["rename: title of 101 emoji"] = Patch(Conversation, Title(Repeat("😀", 101)), BadRequest, "title"),
            ["rename: title of 10000 emoji"] = Patch(Conversation, Title(Repeat("😀", 10_000)), BadRequest, "title"),
            ["rename: NUL and control characters in the title are text"] = Patch(Conversation, Title("a\0b\u0007c"), Ok),
            ["rename: lone surrogate in the title"] = Patch(Conversation, """{"title":"x\udfff"}""", BadRequest),

            ["tags: {}"] = Patch(Tags, "{}", BadRequest, "tags"),
            ["tags: null"] = Patch(Tags, TagList(null), BadRequest, "tags"),
            ["tags: a string instead of an array"] = Patch(Tags, TagList("work"), BadRequest, "tags"),
            ["tags: an object instead of an array"] = Patch(Tags, TagList(new { work = 1 }), BadRequest, "tags"),
            ["tags: a number in the array"] = Patch(Tags, TagList(new object[] { "work", 1 }), BadRequest, "tags"),
            ["tags: null in the array"] = Patch(Tags, TagList(new[] { "work", null }), BadRequest, "tags"),
            ["tags: empty tag"] = Patch(Tags, TagList(new[] { "" }), BadRequest, "tags"),
            ["tags: blank tag"] = Patch(Tags, TagList(new[] { "work", " \t " }), BadRequest, "tags"),
            ["tags: none"] = Patch(Tags, TagList(Array.Empty<string>()), Ok),
            ["tags: a tag of 50"] = Patch(Tags, TagList(new[] { new string('t', 50) }), Ok),
            ["tags: a tag of 51"] = Patch(Tags, TagList(new[] { new string('t', 51) }), BadRequest, "tags"),
            ["tags: a tag of 25 emoji (50 code units)"] = Patch(Tags, TagList(new[] { Repeat("😀", 25) }), Ok),
            ["tags: a tag of 26 emoji (52 code units)"] = Patch(Tags, TagList(new[] { Repeat("😀", 26) }), BadRequest, "tags"),
            ["tags: a tag of 10000 emoji"] = Patch(Tags, TagList(new[] { Repeat("😀", 10_000) }), BadRequest, "tags"),
            ["tags: 20 tags"] = Patch(Tags, TagList(Enumerable.Range(0, 20).Select(i => $"t{i}")), Ok),
            ["tags: 21 tags"] = Patch(Tags, TagList(Enumerable.Range(0, 21).Select(i => $"t{i}")), BadRequest, "tags"),
            ["tags: 21 tags of which 20 differ after trimming"] = Patch(Tags, TagList(Enumerable.Range(0, 20).Select(i => $"t{i}").Append(" t0 ")), Ok),
            ["tags: NUL and control characters in a tag are text"] = Patch(Tags, TagList(new[] { "a\0b", "c\u001fd" }), Ok),
            ["tags: lone surrogate in a tag"] = Patch(Tags, """{"tags":["\udc00"]}""", BadRequest),

            ["model: {}"] = Put(Model, "{}", BadRequest, "modelId"),
            ["model: null"] = Put(Model, ModelId(null), BadRequest, "modelId"),
            ["model: numeric"] = Put(Model, ModelId(42), BadRequest, "modelId"),
            ["model: empty"] = Put(Model, ModelId(""), BadRequest, "modelId"),
            ["model: blank"] = Put(Model, ModelId("   "), BadRequest, "modelId"),
            ["model: unknown"] = Put(Model, ModelId("gpt-5"), BadRequest, "modelId"),
            ["model: another casing"] = Put(Model, ModelId("Claude-3-Opus"), BadRequest, "modelId"),
            ["model: NUL after a known id"] = Put(Model, ModelId("gpt-4\0"), BadRequest, "modelId"),
            ["model: 10000 emoji"] = Put(Model, ModelId(Repeat("😀", 10_000)), BadRequest, "modelId"),
            ["model: a known id"] = Put(Model, ModelId("claude-3-opus"), Ok),

            // Groups
            ["create group: {}"] = Post(Groups, "{}", BadRequest, "name"),
            ["create group: no botIds"] = Post(Groups, Json(new { name = "team" }), BadRequest, "botIds"),
            ["create group: null name"] = Post(Groups, Group(null, bots), BadRequest, "name"),
            ["create group: numeric name"] = Post(Groups, Group(42, bots), BadRequest, "name"),
            ["create group: empty name"] = Post(Groups, Group("", bots), BadRequest, "name"),
            ["create group: blank name"] = Post(Groups, Group(" \t\n ", bots), BadRequest, "name"),
            ["create group: name of 100"] = Post(Groups, Group(new string('n', 100), bots), Created),
            ["create group: name of 101"] = Post(Groups, Group(new string('n', 101), bots), BadRequest, "name"),
            ["create group: name of 100 between spaces"] = Post(Groups, Group($"  {new string('n', 100)}  ", bots), Created),
            ["create group: name of 50 emoji (100 code units)"] = Post(Groups, Group(Repeat("😀", 50), bots), Created),
            ["create group: name of 51 emoji (102 code units)"] = Post(Groups, Group(Repeat("😀", 51), bots), BadRequest, "name"),
            ["create group: name of 10000 emoji"] = Post(Groups, Group(Repeat("😀", 10_000), bots), BadRequest, "name"),
            ["create group: NUL and control characters in the name are text"] = Post(Groups, Group("a\0b\u0002c", bots), Created),
            ["create group: lone surrogate in the name"] = Post(Groups, """{"name":"\ud83d","botIds":["bot-cs"]}""", BadRequest),
            ["create group: null botIds"] = Post(Groups, Group("team", null), BadRequest, "botIds"),
            ["create group: no bots"] = Post(Groups, Group("team", Array.Empty<string>()), BadRequest, "botIds"),
            ["create group: botIds a string"] = Post(Groups, Group("team", "bot-cs"), BadRequest, "botIds"),
            ["create group: a number among the botIds"] = Post(Groups, Group("team", new object[] { "bot-cs", 7 }), BadRequest, "botIds"),
            ["create group: null among the botIds"] = Post(Groups, Group("team", new[] { "bot-cs", null }), BadRequest, "botIds"),
            ["create group: empty bot id"] = Post(Groups, Group("team", new[] { "" }), BadRequest, "botIds"),
            ["create group: unknown bot id"] = Post(Groups, Group("team", new[] { "bot-cs", "bot-nope" }), BadRequest, "botIds"),
            ["create group: bot id in another casing"] = Post(Groups, Group("team", new[] { "BOT-CS" }), BadRequest, "botIds"),
            ["create group: bot id between spaces"] = Post(Groups, Group("team", new[] { " bot-cs " }), BadRequest, "botIds"),
            ["create group: one bot 11 times"] = Post(Groups, Group("team", Enumerable.Repeat("bot-cs", 11)), Created),
            ["create group: 11 different bot ids"] = Post(Groups, Group("team", Enumerable.Range(0, 11).Select(i => $"bot-{i}")), BadRequest, "botIds"),
        };

        // Every route with a body: the body itself. A valid body and the status it gets, per route.
        var bodyRoutes = new (string Method, string Route, string Valid, HttpStatusCode Accepted)[]
        {
            ("POST", Conversations, Title("fine"), Created),
            ("PATCH", Conversation, Title("fine"), Ok),
            ("PATCH", Tags, TagList(new[] { "fine" }), Ok),
            ("PUT", Model, ModelId("gpt-4"), Ok),
            ("POST", Messages, Content("fine"), Created),
            ("POST", Stream, Content("fine"), Ok),
            ("POST", Groups, Group("fine", bots), Created),
            ("POST", GroupMessages, Content("fine"), Created),
            ("POST", GroupStream, Content("fine"), Ok),
        };
        foreach (var (method, route, valid, accepted) in bodyRoutes)
        {
            var name = $"{method} {route}";
            Case Row(string body, HttpStatusCode status) => Send(method, route, body, status);
            rows[$"{name}: malformed JSON"] = Row(valid[..^1], BadRequest);
            rows[$"{name}: not JSON at all"] = Row("content=hello&title=hello", BadRequest);
            // No body reads as {} (JsonBodies): only creating a conversation has no required field.
            rows[$"{name}: empty body"] = Row("", (method, route) == ("POST", Conversations) ? Created : BadRequest);
            rows[$"{name}: []"] = Row("[]", BadRequest);
            rows[$"{name}: null"] = Row("null", BadRequest);
            rows[$"{name}: 42"] = Row("42", BadRequest);
            rows[$"{name}: a string"] = Row("\"text\"", BadRequest);
            rows[$"{name}: JSON nested 1000 deep"] = Row(valid[..^1] + $",\"deep\":{Nested(1000)}}}", BadRequest);
            rows[$"{name}: JSON as text/plain"] = Row(valid, BadRequest) with { ContentType = "text/plain" };
            rows[$"{name}: unknown fields are ignored"] = Row(valid[..^1] + ",\"isAdmin\":true,\"user_id\":\"someone\"}", accepted);
            rows[$"{name}: a body over 1 MB"] = Row(valid[..^1] + $",\"padding\":\"{new string('x', 1_100_000)}\"}}", HttpStatusCode.RequestEntityTooLarge);
            // Only the routes that call the AI read X-Fake-Scenario (docs/API.md, "Scenarios").
            if (!route.EndsWith("/messages", StringComparison.Ordinal) && !route.EndsWith("/stream", StringComparison.Ordinal))
                rows[$"{name}: X-Fake-Scenario is not read here"] = Row(valid, accepted) with { Scenario = "explode" };
        }

        // Every route that posts a message: the content and the X-Fake-Scenario header.
        foreach (var (route, accepted) in new[] { (Messages, Created), (Stream, Ok), (GroupMessages, Created), (GroupStream, Ok) })
        {
            var name = $"POST {route}";
            rows[$"{name}: {{}}"] = Post(route, "{}", BadRequest, "content");
            rows[$"{name}: null content"] = Post(route, Content(null), BadRequest, "content");
            rows[$"{name}: numeric content"] = Post(route, Content(42), BadRequest, "content");
            rows[$"{name}: boolean content"] = Post(route, Content(false), BadRequest, "content");
            rows[$"{name}: array content"] = Post(route, Content(new[] { "hi" }), BadRequest, "content");
            rows[$"{name}: object content"] = Post(route, Content(new { text = "hi" }), BadRequest, "content");
            rows[$"{name}: empty content"] = Post(route, Content(""), BadRequest, "content");
            rows[$"{name}: blank content"] = Post(route, Content("   "), BadRequest, "content");
            rows[$"{name}: content of tabs and newlines"] = Post(route, Content("\t\n\r\n "), BadRequest, "content");
            rows[$"{name}: content of 8000"] = Post(route, Content(new string('c', 8000)), accepted);
            rows[$"{name}: content of 8001"] = Post(route, Content(new string('c', 8001)), BadRequest, "content");
            rows[$"{name}: content of 8000 between spaces"] = Post(route, Content($"\n  {new string('c', 8000)}  \n"), accepted);
            rows[$"{name}: content of 4000 emoji (8000 code units)"] = Post(route, Content(Repeat("😀", 4000)), accepted);
            rows[$"{name}: content of 4001 emoji (8002 code units)"] = Post(route, Content(Repeat("😀", 4001)), BadRequest, "content");
            rows[$"{name}: content of 8001 CJK characters"] = Post(route, Content(Repeat("你好吗", 2667)), BadRequest, "content");
            rows[$"{name}: content of 30000 emoji"] = Post(route, Content(Repeat("👨‍💻", 30_000 / 5)), BadRequest, "content");
            rows[$"{name}: NUL and control characters in the content are text"] = Post(route, Content("a\0b\u0001c\u001b[31md\u007f"), accepted);
            rows[$"{name}: lone surrogate in the content"] = Post(route, """{"content":"hi \ud800"}""", BadRequest);
            rows[$"{name}: unknown X-Fake-Scenario"] = Post(route, Content("hi"), BadRequest, "X-Fake-Scenario") with { Scenario = "explode" };
            rows[$"{name}: X-Fake-Scenario of 10000 characters"] = Post(route, Content("hi"), BadRequest, "X-Fake-Scenario") with { Scenario = new string('s', 10_000) };
            rows[$"{name}: X-Fake-Scenario trimmed and in another casing"] = Post(route, Content("hi"), accepted) with { Scenario = "  FLAKY " };
            rows[$"{name}: empty X-Fake-Scenario is none"] = Post(route, Content("hi"), accepted) with { Scenario = "" };
        }

        // Every list route: page and limit.
        foreach (var route in new[] { Conversations, Messages, Groups, GroupMessages })
        {
            var name = $"GET {route}";
            foreach (var value in new[] { "0", "-1", "abc", "1.5", "1e2", "+1", "0x10", " 1", "１", "99999999999", "2147483648" })
                rows[$"{name}: page={value}"] = Get($"{route}?page={Uri.EscapeDataString(value)}", BadRequest, "page");
            foreach (var value in new[] { "0", "101", "-1", "abc", "1.5", "99999999999" })
                rows[$"{name}: limit={value}"] = Get($"{route}?limit={Uri.EscapeDataString(value)}", BadRequest, "limit");
            rows[$"{name}: page= and limit= are the defaults"] = Get($"{route}?page=&limit=", Ok);
            rows[$"{name}: page=2147483647"] = Get($"{route}?page=2147483647", Ok);
            rows[$"{name}: page=1&limit=100"] = Get($"{route}?page=1&limit=100", Ok);
            rows[$"{name}: both wrong"] = Get($"{route}?page=x&limit=y", BadRequest, "page");
        }
        rows["GET /api/conversations: tag= is no filter"] = Get($"{Conversations}?tag=", Ok);
        rows["GET /api/conversations: a tag of 1000 emoji matches nothing"] = Get($"{Conversations}?tag={Uri.EscapeDataString(Repeat("😀", 1000))}", Ok);
        rows["GET /api/conversations: a tag with NUL matches nothing"] = Get($"{Conversations}?tag=a%00b", Ok);
        return rows;
    }

    public static TheoryData<string> Names => new(cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Gets_the_documented_status_in_the_envelope_and_a_rejected_request_stores_nothing(string name)
    {
        var row = cases[name];
        var username = Guid.NewGuid().ToString("N"); // 32 letters and digits
        var email = $"{username[..12]}@example.com";

        if (row.Route is Register or Login)
        {
            var anonymous = app.Anonymous();
            var rejected = await AssertAnswerAsync(row, await anonymous.SendAsync(Request(row, row.Route, username, email)));
            // Neither the username nor the email was taken: registering them now succeeds.
            if (rejected && row.Route == Register)
                await (await anonymous.SendJsonAsync(HttpMethod.Post, Register, new { username, email, password = "secret123" })).AssertDataAsync(Created);
            return;
        }

        var user = await app.UserAsync();
        var own = await OwnResourcesAsync(user);
        var before = await StoredStateAsync(user, own);

        var response = await user.Http.SendAsync(Request(row, own.Url(row.Route), username, email));

        if (await AssertAnswerAsync(row, response))
            Assert.Equal(before, await StoredStateAsync(user, own));
    }

    [Fact]
    public async Task Every_id_route_answers_404_in_the_envelope_to_an_id_that_is_not_the_users_and_stores_nothing()
    {
        var user = await app.UserAsync();
        var own = await OwnResourcesAsync(user);
        var before = await StoredStateAsync(user, own);
        var idRoutes = Route.All(app).Where(r => !r.Hidden && !r.IsProtocol && r.Pattern.Contains("{id}")).ToList();

        var failures = new List<string>();
        foreach (var route in idRoutes)
        {
            var (mine, otherArea) = ValidRequests.AreaOf(route) == Groups ? (own.GroupId, own.ConversationId) : (own.ConversationId, own.GroupId);
            string[] ids =
            [
                Guid.NewGuid().ToString(), mine.ToUpperInvariant(), otherArea, "not-an-id", "null", "%20", "a%2Fb",
                new string('9', 2000), Uri.EscapeDataString("😀"), Uri.EscapeDataString("' OR 1=1 --"),
            ];
            foreach (var id in ids)
            {
                var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url(id));
                if (ValidRequests.BodyFor(route) is { } body) request.Content = JsonContent.Create(body);
                var response = await user.Http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound || !text.StartsWith("{\"success\":false,\"error\":", StringComparison.Ordinal))
                    failures.Add($"{route} with id {id}: {(int)response.StatusCode} {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(before, await StoredStateAsync(user, own));
    }

    [Fact]
    public async Task Control_characters_and_NUL_are_text_stored_and_returned_as_sent()
    {
        const string text = "a\0b\u0001c\u001b[31md\u007fe\u2028f";
        var user = await app.UserAsync();
        var conversation = (string)(await user.CreateConversationAsync(new { title = text }))["id"]!;
        await user.SetTagsAsync(conversation, text);
        await (await user.Http.SendJsonAsync(HttpMethod.Post, Messages.Replace("{id}", conversation), new { content = text })).AssertDataAsync(Created);
        var group = (string)(await (await user.Http.SendJsonAsync(HttpMethod.Post, Groups, new { name = text, botIds = bots })).AssertDataAsync(Created))["id"]!;

        var stored = await user.GetConversationAsync(conversation);
        Assert.Equal(text, (string?)stored["title"]);
        Assert.Equal([text], stored["tags"].Strings());
        var messages = await (await user.Http.GetAsync(Messages.Replace("{id}", conversation))).AssertDataAsync();
        Assert.Equal(text, (string?)messages[0]!["content"]);
        Assert.Equal(text, (string?)(await (await user.Http.GetAsync($"{Groups}/{group}")).AssertDataAsync())["name"]);
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
    public async Task Bytes_that_are_not_UTF_8_are_a_400_on_every_route_with_a_body()
    {
        var user = await app.UserAsync();
        var own = await OwnResourcesAsync(user);
        var before = await StoredStateAsync(user, own);

        foreach (var route in Route.All(app).Where(r => r.HasBody && !r.Hidden && !r.IsProtocol))
        {
            // Every field any route reads, each a string with two bytes (0xff 0xfe) that UTF-8 never uses.
            var json = Encoding.UTF8.GetBytes("""{"email":"a#","password":"secret123","username":"u#","title":"t#","modelId":"gpt-4#","tags":["t#"],"content":"c#","name":"n#","botIds":["bot-cs"]}""");
            var content = new ByteArrayContent(json.SelectMany(b => b == '#' ? new byte[] { 0xff, 0xfe } : [b]).ToArray());
            content.Headers.ContentType = new("application/json");
            var client = route.AllowsAnonymous ? app.Anonymous() : user.Http;
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), own.Url(route.Pattern)) { Content = content });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == BadRequest, $"{route}: {(int)response.StatusCode} {text}");
            Assert.False(string.IsNullOrWhiteSpace(route.ErrorMessageOf(JsonNode.Parse(text))), $"{route}: {text}");
        }
        Assert.Equal(before, await StoredStateAsync(user, own));
    }

    [Fact]
    public void Every_route_that_takes_a_body_or_a_query_has_rows_in_the_catalogue()
    {
        var routes = Route.All(app).Where(r => !r.Hidden && !r.IsProtocol && (r.HasBody || r.TakesQuery)).ToList();
        Assert.Contains(routes, r => r.TakesQuery); // the list routes are found

        var missing = routes.Where(r => !cases.Values.Any(c =>
            c.Method == r.Method && c.Route.Split('?')[0] == r.Pattern && (r.HasBody || c.Route.Contains('?')))).ToList();
        Assert.True(missing.Count == 0, "no bad-input rows yet for: " + string.Join(", ", missing));
    }

    /// <summary>The conversation and the group that a row's <c>{id}</c> stands for.</summary>
    sealed record Own(string ConversationId, string GroupId)
    {
        public string Url(string route) => route.Replace("{id}", route.StartsWith(Groups, StringComparison.Ordinal) ? GroupId : ConversationId);
    }

    /// <summary>A conversation with a tag and a message, and a group with a message and its
    /// replies: a rejected request that touched any of it shows.</summary>
    async Task<Own> OwnResourcesAsync(UserClient user)
    {
        var conversation = await user.CreateConversationIdAsync("target");
        await user.SetTagsAsync(conversation, "kept");
        await (await user.Http.SendJsonAsync(HttpMethod.Post, Messages.Replace("{id}", conversation), new { content = "kept" })).AssertDataAsync(Created);
        var group = await user.CreateGroupIdAsync(bots);
        await (await user.PostToGroupAsync(group, new { content = "kept" })).AssertDataAsync(Created);
        // Timestamps have milliseconds and the fake clock stands still: moved on, any write
        // from here on shows in an updated_at.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        return new Own(conversation, group);
    }

    /// <summary>What the user reads through every GET route of the API (<c>{id}</c> being the
    /// user's own conversation or group), and how many documents the database holds (the
    /// rows of this class run one at a time, on an app of their own).</summary>
    async Task<string> StoredStateAsync(UserClient user, Own own)
    {
        var state = new StringBuilder();
        foreach (var read in Route.All(app).Where(r => r.Method == "GET" && !r.Hidden && !r.AllowsAnonymous))
        {
            var response = await user.Http.GetAsync(own.Url(read.Pattern));
            state.Append($"{read}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n");
        }
        var db = app.Services.GetRequiredService<ChatDb>();
        state.Append($"stored: {db.Users.Count()} users, {db.Conversations.Count()} conversations, {db.Groups.Count()} groups, {db.Messages.Count()} messages");
        return state.ToString();
    }

    static HttpRequestMessage Request(Case row, string url, string username, string email)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method), url);
        if (row.Body is not null) request.Content = new StringContent(row.Body(username, email), Encoding.UTF8, row.ContentType);
        if (row.Scenario is not null) request.Headers.TryAddWithoutValidation(Scenarios.Header, row.Scenario);
        return request;
    }

    /// <summary>Asserts the row's status in its envelope (a stream that runs to its end for an
    /// accepted stream request); true when the request was rejected.</summary>
    static async Task<bool> AssertAnswerAsync(Case row, HttpResponseMessage response)
    {
        if ((int)row.Status >= 400)
        {
            var body = await response.AssertErrorAsync(row.Status);
            if (row.Field is not null)
                Assert.True(body["errors"]?[row.Field] is not null, $"no errors.{row.Field} in {body.ToJsonString()}");
            return true;
        }
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            Assert.Equal(row.Status, response.StatusCode);
            Assert.Equal("done", Sse.Parse(await response.Content.ReadAsStringAsync())[^1].Event);
        }
        else
            await response.AssertDataAsync(row.Status);
        return false;
    }
}
