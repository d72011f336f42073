using System.Net;
using ChatFake.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Hardening;

/// <summary>docs/API.md: <c>GET /health</c> (no auth) → 200 when the database answers, 503 otherwise.</summary>
public sealed class HealthTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Answers_200_ok_without_a_token_while_the_database_answers()
    {
        var response = await app.Anonymous().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true,"data":{"status":"ok"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Answers_503_in_the_envelope_once_the_database_is_gone()
    {
        using var broken = new App();
        var client = broken.Anonymous();
        await (await client.GetAsync("/health")).AssertDataAsync();

        broken.Services.GetRequiredService<ChatDb>().Dispose();

        var body = await (await client.GetAsync("/health")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Database unavailable", (string?)body["error"]);
    }
}
