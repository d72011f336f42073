using System.Net;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// Twin routes check in the same order: a resource that is missing, or another user's, is a 404
/// before anything about the query is judged, on every <c>{id}</c> route that takes one
/// (today the personal and the group message lists).
/// </summary>
public sealed class CheckOrderTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task Every_id_route_with_a_query_answers_404_before_400_for_a_missing_or_foreign_resource()
    {
        var routes = Route.All(app).Where(r => !r.Hidden && r.TakesQuery && r.Pattern.Contains("{id}")).ToList();
        Assert.Contains(routes, r => r.ToString() == "GET /api/conversations/{id}/messages");
        Assert.Contains(routes, r => r.ToString() == "GET /api/group-conversations/{id}/messages");

        var owner = await app.NewUserAsync();
        var intruder = await app.NewUserAsync();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var area = ValidRequests.AreaOf(route);
            var created = await (await owner.Http.SendJsonAsync(HttpMethod.Post, area, ValidRequests.Creations[area])).AssertDataAsync(HttpStatusCode.Created);
            foreach (var (what, id) in new[] { ("another user's", (string)created["id"]!), ("a missing", Guid.NewGuid().ToString()) })
            {
                var response = await intruder.Http.GetAsync(route.Url(id) + "?page=0&limit=abc");
                if (response.StatusCode != HttpStatusCode.NotFound)
                    failures.Add($"{route} on {what} resource with a bad query: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            var own = await owner.Http.GetAsync(route.Url((string)created["id"]!) + "?page=0&limit=abc");
            if (own.StatusCode != HttpStatusCode.BadRequest)
                failures.Add($"{route} on the owner's resource with a bad query: {(int)own.StatusCode}, not 400");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
