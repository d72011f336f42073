using FastEndpoints.Swagger;
using NJsonSchema.Generation;
using NSwag;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// The OpenAPI document at <see cref="DocumentPath"/> and Swagger UI at /swagger. FastEndpoints
/// generates the document from the endpoints: each one's group (<see cref="ApiArea"/>: its tag)
/// and summary (its answers), plus the answers every route shares (<see cref="Answers"/>). The
/// processors registered here add what FastEndpoints cannot know (see each of them).
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = UiPath + "/v1/swagger.json";
    const string UiPath = "/swagger";

    public static IServiceCollection AddChatFakeOpenApi(this IServiceCollection services) =>
        services.SwaggerDocument(doc =>
        {
            doc.AutoTagPathSegmentIndex = 0; // tagged by their ApiArea instead of by the "api" segment
            doc.TagDescriptions = tags =>
            {
                foreach (var area in ApiArea.All) tags[area.Tag] = area.Description;
            };
            doc.RemoveEmptyRequestSchema = true;
            doc.EnableJWTBearerAuth = false; // added below, with a description of where the token comes from
            doc.DocumentSettings = s =>
            {
                s.DocumentName = "v1";
                s.Title = "ChatFake";
                s.Version = "v1";
                s.Description = Overview;
                // Every operation but the anonymous ones (register, login) requires the token.
                s.AddAuth("Bearer", new OpenApiSecurityScheme
                {
                    Type = OpenApiSecuritySchemeType.Http,
                    Scheme = "Bearer",
                    BearerFormat = "JWT",
                    Description = "The `token` that register and login answer with, sent as `Authorization: Bearer <token>`.",
                });
                s.SchemaSettings.SchemaNameGenerator = new SchemaNames();
                // Without this an unannotated generic (the T of Envelope<T>) would be documented as nullable.
                s.SchemaSettings.DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull;
                s.SchemaSettings.SchemaProcessors.Add(new WireSchemas());
                s.OperationProcessors.Add(new WireOperations());
                s.DocumentProcessors.Add(new DocumentLayout());
            };
        });

    /// <summary>For <c>UseFastEndpoints</c>: the answers every route shares, and operation ids
    /// (the endpoints' names) after the slice: <c>GroupsMessagesSend</c>, which names the
    /// generated C# client's method.</summary>
    public static void DescribeForOpenApi(this EndpointOptions endpoints)
    {
        endpoints.Configurator = Answers.Document;
        endpoints.NameGenerator = name =>
            SchemaNames.SlicePath(name.EndpointType) ?? name.EndpointType.FullName!.Replace(".", "");
    }

    /// <summary>NSwag's middlewares (document, UI, redirect to the UI) compare every request's
    /// path with theirs: they run only for the paths under /swagger, the only ones they answer.</summary>
    public static void UseChatFakeOpenApi(this WebApplication app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(UiPath), swagger => swagger.UseSwaggerGen(
            // No servers entry: the document is the same whichever host serves it, and clients
            // resolve its paths against the origin they fetched it from.
            document => document.PostProcess = (d, _) => d.Servers.Clear(),
            ui =>
            {
                ui.Path = UiPath;
                ui.DocumentTitle = "ChatFake API";
                ui.TagsSorter = null; // the document's tag order follows docs/API.md (ApiArea.Position)
                ui.DocExpansion = "list";
            }));

    const string Overview = """
        A fake chat backend for building and testing ChatGPT-like chat UIs.

        - **Envelope**: every JSON response is `{"success": true, "data": ...}`; lists add
          `"pagination": {"page", "limit", "total", "totalPages"}`. Failures are
          `{"success": false, "error": "..."}`, and validation failures add
          `"errors": {"<field>": ["<message>", ...]}`.
        - **Auth**: register or log in, then send `Authorization: Bearer <token>` on every other route.
        - **Fields**: entities use snake_case (`created_at`, `model_id`), request bodies camelCase
          (`modelId`, `botIds`). IDs are strings; timestamps are ISO-8601 UTC with milliseconds.
        - **Pagination**: `page` >= 1 (default 1), `limit` 1..100 (default 20, 50 for messages).
        - **Errors on demand**: the `X-Fake-Scenario` header of the routes that call the fake AI
          (`error`, `flaky`, `timeout`, `slow`) steers one request.
        - **Streaming**: the `/messages/stream` routes answer `text/event-stream`; see their 200 response.
        """;
}
