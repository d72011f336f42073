namespace ChatFake.Tests.Hardening;

/// <summary>
/// Requests the API accepts on the routes that act on one resource (<c>{id}</c>), for tests
/// whose point is not the body: with one of these the answer is about the id, never a 400.
/// </summary>
public static class ValidRequests
{
    /// <summary>The areas with <c>{id}</c> routes, and the body that creates a resource in each (POST to the area).</summary>
    public static readonly IReadOnlyDictionary<string, object> Creations = new Dictionary<string, object>
    {
        ["/api/conversations"] = new { title = "owned by the first user", modelId = "gpt-4" },
        ["/api/group-conversations"] = new { name = "owned by the first user", botIds = new[] { "bot-cs", "bot-tech" } },
    };

    /// <summary>Bodies the routes of other providers' protocols accept: one exchange with the fake model.</summary>
    public static readonly IReadOnlyDictionary<string, object> ProtocolBodies = new Dictionary<string, object>
    {
        ["/v1/messages"] = new { model = "claude-3-opus", max_tokens = 64, messages = new[] { new { role = "user", content = "cold start" } } },
    };

    /// <summary>The area whose resource <paramref name="route"/> acts on; fails for a route of an
    /// area this class does not know yet, so that no route is skipped silently.</summary>
    public static string AreaOf(Route route)
    {
        var area = Creations.Keys.SingleOrDefault(a => route.Pattern.StartsWith(a + "/{id}", StringComparison.Ordinal));
        Assert.True(area is not null, $"{route}: no way to create its resource; add its area to ValidRequests.Creations");
        return area;
    }

    /// <summary>A body the route accepts (docs/API.md); null for routes without one.</summary>
    public static object? BodyFor(Route route) => (route.Method, route.Pattern[(AreaOf(route) + "/{id}").Length..]) switch
    {
        ("GET" or "DELETE", _) => null,
        ("PATCH", "") => new { title = "taken over" },
        ("PATCH", "/tags") => new { tags = new[] { "taken-over" } },
        ("PUT", "/model") => new { modelId = "claude-3-opus" },
        ("POST", "/messages" or "/messages/stream") => new { content = "taken over" },
        _ => throw new InvalidOperationException($"no valid body known for {route}: add one to ValidRequests.BodyFor"),
    };
}
