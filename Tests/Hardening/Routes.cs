using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastEndpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatFake.Tests.Hardening;

/// <summary>One method + route pattern the app serves, read from its EndpointDataSource, so
/// that hardening tests cover the routes added later without being told about them.
/// <see cref="Hidden"/>: left out of the OpenAPI document, so no part of the API.
/// <see cref="TakesQuery"/>: its request binds query parameters ([QueryParam]).</summary>
public sealed partial record Route(string Method, string Pattern, bool AllowsAnonymous, bool Hidden, bool TakesQuery)
{
    public static IReadOnlyList<Route> All(WebApplicationFactory<Program> app)
    {
        _ = app.Server; // builds and starts the app, which maps the endpoints
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new Route(method, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                    e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true,
                    e.Metadata.GetMetadata<EndpointDefinition>()?.ReqDtoType.GetProperties()
                        .Any(p => p.IsDefined(typeof(QueryParamAttribute), inherit: true)) == true)))
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
    }

    public bool HasBody => Method is "POST" or "PUT" or "PATCH";

    /// <summary>A protocol route under /v1: it answers in its provider's shape, not API.md's envelope
    /// (checked by its own tests, Tests/OpenAi).</summary>
    public bool IsProtocol => Pattern.StartsWith("/v1/", StringComparison.Ordinal);

    /// <summary>The error message of a response of this route, in the route's shape; null when the body is not one.</summary>
    public string? ErrorMessageOf(JsonNode? body) =>
        IsProtocol
            ? body?["error"] is JsonObject error ? (string?)error["message"] : null
            : body?["success"]?.GetValue<bool>() == false ? (string?)body["error"] : null;

    /// <summary>The pattern with every route parameter ({id}, {id:guid}...) set to <paramref name="value"/>.</summary>
    public string Url(string value) => Parameter().Replace(Pattern, value);

    public override string ToString() => $"{Method} {Pattern}";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
