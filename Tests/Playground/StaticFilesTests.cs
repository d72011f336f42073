using System.Net;
using System.Net.Http.Json;

namespace ChatFake.Tests.Playground;

/// <summary>
/// The playground is served at <c>/</c> from wwwroot, with a content security policy of its own;
/// only real files are static: every other path is still the API's, unknown ones a 404 envelope.
/// </summary>
public sealed class StaticFilesTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task The_root_serves_the_playground_page_with_its_content_security_policy()
    {
        var response = await app.Anonymous().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>ChatFake playground</title>", html);
        Assert.Contains("<script type=\"module\" src=\"js/main.js\"></script>", html);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/js/main.js", "text/javascript")]
    [InlineData("/vendor/marked.esm.js", "text/javascript")]
    [InlineData("/vendor/purify.es.mjs", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task The_pages_modules_and_stylesheet_are_served_with_their_types(string path, string type)
    {
        var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("GET", "/nothing-here.html")]
    [InlineData("GET", "/js/nothing-here.js")]
    [InlineData("GET", "/vendor/VERSIONS")] // a file, but not of a type the playground serves
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("POST", "/")]
    public async Task Paths_that_are_no_file_of_the_page_are_still_a_404_envelope(string method, string path)
    {
        var response = await app.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.False((bool)body!["success"]!);
        Assert.Equal($"Route not found: {method} {path}", (string?)body["error"]);
    }

    [Fact]
    public async Task The_API_and_Swagger_UI_get_no_playground_policy()
    {
        var health = await app.Anonymous().GetAsync("/health");
        var swagger = await app.Anonymous().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.False(health.Headers.Contains("Content-Security-Policy"));
        Assert.False(swagger.Headers.Contains("Content-Security-Policy"));
    }
}
