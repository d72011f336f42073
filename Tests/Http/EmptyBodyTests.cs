using System.Net;
using ChatFake.Tests.Hardening;

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

/// <summary>
/// Many fetch wrappers (and Python's urllib) put <c>Content-Type: application/json</c> on every
/// request, bodiless GETs and DELETEs included: a request without a body is served exactly as
/// if that header were absent, on every route the app serves.
/// </summary>
public sealed class JsonContentTypeWithoutBodyTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Every_route_answers_a_bodiless_request_with_a_json_content_type_as_it_answers_one_without()
    {
        var user = await app.NewUserAsync();
        var failures = new List<string>();
        // The reset deletes the user every other route is walked with: it goes last.
        var routes = Route.All(app).OrderBy(r => r.Pattern == "/api/dev/reset").ToList();
        foreach (var route in routes)
        foreach (var contentLength in new long?[] { 0, null })
        {
            var plain = await SendAsync(user, route, contentType: false, contentLength);
            var withHeader = await SendAsync(user, route, contentType: true, contentLength);
            var length = contentLength is null ? "no Content-Length" : "Content-Length: 0";
            if (withHeader.Status == HttpStatusCode.BadRequest && plain.Status != HttpStatusCode.BadRequest)
                failures.Add($"{route} ({length}): 400 {withHeader.Text}");
            else if (withHeader.Status != plain.Status || (int)plain.Status >= 400 && withHeader.Text != plain.Text)
                failures.Add($"{route} ({length}): {(int)withHeader.Status} {withHeader.Text} with the header, {(int)plain.Status} {plain.Text} without");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Contains(routes, r => r is { Method: "GET", TakesQuery: true });
        Assert.Contains(routes, r => r.Method == "DELETE" && r.Pattern.Contains('{'));
    }

    /// <summary>Each request acts on a resource of its own (created through the API), so that a
    /// DELETE on the first leaves the second to answer the same; ids are masked in the answer.
    /// The request is built on the server's side: an HttpClient would send a request that has a
    /// Content-Type but no length as a chunked body, which is not what a browser or urllib sends.</summary>
    async Task<(HttpStatusCode Status, string Text)> SendAsync(UserClient user, Route route, bool contentType, long? contentLength)
    {
        var id = Guid.NewGuid().ToString();
        var area = ValidRequests.Creations.Keys.SingleOrDefault(a => route.Pattern.StartsWith(a + "/{id}", StringComparison.Ordinal));
        if (area is not null)
            id = (string)(await (await user.Http.SendJsonAsync(HttpMethod.Post, area, ValidRequests.Creations[area]))
                .AssertDataAsync(HttpStatusCode.Created))["id"]!;
        var context = await app.Server.SendAsync(http =>
        {
            http.Request.Method = route.Method;
            http.Request.Path = route.Url(id);
            http.Request.Headers.Authorization = "Bearer " + user.Token;
            http.Request.ContentLength = contentLength;
            if (contentType) http.Request.ContentType = "application/json";
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return ((HttpStatusCode)context.Response.StatusCode, text.Replace(id, "<id>"));
    }
}
