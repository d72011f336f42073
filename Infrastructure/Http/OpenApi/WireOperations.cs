using System.Globalization;
using FastEndpoints.Swagger;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// Makes each operation say what the route does on the wire, from conventions every route
/// follows (API.md, "Conventions"), so that a new slice needs nothing but its summary:
/// its tag (<see cref="ApiAreas"/>), an operation id named after the slice, integer paging
/// parameters, the <c>X-Fake-Scenario</c> header of the routes that call the fake AI, 201 for
/// what a POST creates, the error responses the route can give (all in the error envelope),
/// and the SSE answer of streams (<see cref="EventStreams"/>).
/// </summary>
sealed class WireOperations : IOperationProcessor
{
    public const string ScenarioHeader = "X-Fake-Scenario";

    static readonly Dictionary<int, string> ErrorMeanings = new()
    {
        [400] = "Bad input.",
        [401] = "Missing, invalid or expired token.",
        [404] = "No such resource, or it belongs to another user.",
        [409] = "Conflict with what is stored.",
        [413] = "Request body too large.",
        [429] = "Too many requests.",
        [500] = "Unexpected failure, logged with the trace id given in `error`. Never caused by bad input.",
        [503] = "The database does not answer.",
    };

    public bool Process(OperationProcessorContext context)
    {
        var description = context.OperationDescription;
        var operation = description.Operation;
        var endpoint = context.GetEndpointDefinition();

        operation.Tags = [ApiAreas.TagOf(description.Path)];
        operation.OperationId = endpoint is not null && SchemaNames.SlicePath(endpoint.EndpointType) is { } slice
            ? slice
            : OperationIdOf(description.Method, description.Path);

        if (endpoint?.ReqDtoType.IsAssignableTo(typeof(PagedRequest)) == true)
            DocumentPaging(operation, description.Path);
        foreach (var query in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Query))
            query.Schema.IsNullableRaw = null; // a query value is absent or a string, never JSON null

        if (description.Method == OpenApiOperationMethod.Post
            && (description.Path.EndsWith("/messages", StringComparison.Ordinal) || EventStreams.IsStream(description.Path)))
            AddScenarioHeader(context);

        // A route of another provider's protocol answers, and fails, in that provider's shapes,
        // which its endpoint declares; the envelope conventions are ChatFake's own routes'.
        if (!SpeaksProvider(description.Path))
        {
            if (EventStreams.IsStream(description.Path))
                EventStreams.Document(context);
            else if (description.Method == OpenApiOperationMethod.Post)
                DocumentCreated(context, endpoint);
            DocumentErrors(context, endpoint);
        }
        foreach (var (status, response) in operation.Responses.Where(r => string.IsNullOrWhiteSpace(r.Value.Description)))
            response.Description = status == "201" ? "Created" : "Success";
        return true;
    }

    /// <summary>The <c>/v1</c> routes speak OpenAI's or Anthropic's protocol, not ChatFake's.</summary>
    public static bool SpeaksProvider(string path) => path.StartsWith("/v1/", StringComparison.Ordinal);

    /// <summary>A route mapped outside a slice: <c>GET /health</c> → <c>GetHealth</c>.</summary>
    static string OperationIdOf(string method, string path) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(method)
        + string.Concat(path.Split('/', '-').Where(s => s.Length > 0 && s[0] != '{')
            .Select(s => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s)));

    static void DocumentPaging(OpenApiOperation operation, string path)
    {
        var defaultLimit = path.EndsWith("/messages", StringComparison.Ordinal) ? 50 : 20;
        foreach (var parameter in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Query))
        {
            (parameter.Schema, parameter.Description) = parameter.Name switch
            {
                "page" => (new JsonSchema { Type = JsonObjectType.Integer, Minimum = 1, Default = 1 }, "Page number, from 1."),
                "limit" => (new JsonSchema { Type = JsonObjectType.Integer, Minimum = 1, Maximum = 100, Default = defaultLimit },
                    "Items per page, 1 to 100."),
                _ => (parameter.Schema, parameter.Description),
            };
        }
    }

    /// <summary>
    /// A POST creates (an account, a conversation, a message...): its success answer is 201 with
    /// the endpoint's response type, unless the endpoint declares its own (login answers 200).
    /// An endpoint that declares only another answer (the 202 of an AI failure) still gets it.
    /// </summary>
    static void DocumentCreated(OperationProcessorContext context, EndpointDefinition? endpoint)
    {
        var responses = context.OperationDescription.Operation.Responses;
        if (endpoint?.EndpointSummary?.Responses.ContainsKey(StatusCodes.Status200OK) == true || responses.ContainsKey("201")) return;
        if (responses.Remove("200", out var ok))
        {
            ok.Description = "Created";
            responses["201"] = ok;
        }
        else if (endpoint?.ResDtoType is { } type && type != typeof(object))
        {
            var created = new OpenApiResponse { Description = "Created" };
            created.Content["application/json"] = new OpenApiMediaType
            {
                Schema = context.SchemaGenerator.GenerateWithReference<JsonSchema>(type.ToContextualType(), context.SchemaResolver),
            };
            responses["201"] = created;
        }
    }

    static void AddScenarioHeader(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        if (operation.Parameters.Any(p => p.Name.Equals(ScenarioHeader, StringComparison.OrdinalIgnoreCase))) return;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = ScenarioHeader,
            Kind = OpenApiParameterKind.Header,
            IsRequired = false,
            Schema = new JsonSchema { Reference = ScenarioSchema(context.Document) },
            Description = "Steers the fake AI for this request. Case-insensitive; any other value is a 400 and stores nothing.",
        });
    }

    /// <summary>One schema for the header of every AI route, so that clients get one type for it.</summary>
    static JsonSchema ScenarioSchema(OpenApiDocument document)
    {
        const string name = "FakeScenario";
        if (document.Components.Schemas.TryGetValue(name, out var existing)) return existing;
        var scenario = new JsonSchema
        {
            Type = JsonObjectType.String,
            Description = "`error`: every attempt fails. `flaky`: the first attempt fails, the retry succeeds. "
                + "`timeout`: every attempt runs until AI_TIMEOUT_SECONDS expires (never scaled). `slow`: delays x5.",
        };
        foreach (var value in new[] { "error", "flaky", "timeout", "slow" }) scenario.Enumeration.Add(value);
        return document.Components.Schemas[name] = scenario;
    }

    /// <summary>
    /// The error responses of the route, each with the error envelope as its body: those the
    /// endpoint declares (409 of register, 401 of login...) and those that follow from its shape.
    /// </summary>
    static void DocumentErrors(OperationProcessorContext context, EndpointDefinition? endpoint)
    {
        var description = context.OperationDescription;
        var operation = description.Operation;
        var meanings = operation.Responses.Keys.Select(int.Parse).Where(s => s >= 400)
            .ToDictionary(s => s, s => ErrorMeanings.GetValueOrDefault(s, "Failure."));
        var hasBody = operation.RequestBody is not null;
        var badInput = new List<string>();
        if (hasBody) badInput.Add("malformed JSON, a body that is not a JSON object, or a missing or invalid field (named in `errors`)");
        if (operation.Parameters.Any(p => p.Kind == OpenApiParameterKind.Query)) badInput.Add("a query value out of range (named in `errors`)");
        if (operation.Parameters.Any(p => p.Name == ScenarioHeader)) badInput.Add($"an unknown {ScenarioHeader} value");
        if (badInput.Count > 0 || meanings.ContainsKey(400))
            meanings[400] = badInput.Count == 0 ? ErrorMeanings[400] : $"Bad input: {string.Join("; ", badInput)}.";
        if (operation.Security?.Count > 0) meanings[401] = ErrorMeanings[401];
        if (description.Path.Contains('{')) meanings[404] = ErrorMeanings[404];
        if (hasBody) meanings[413] = ErrorMeanings[413];
        if (EventStreams.IsStream(description.Path)) meanings[429] = "Too many streams open for this user (MAX_STREAMS_PER_USER).";
        meanings[500] = ErrorMeanings[500];

        var envelope = context.SchemaGenerator.GenerateWithReference<JsonSchema>(
            typeof(ErrorEnvelope).ToContextualType(), context.SchemaResolver);
        foreach (var (status, meaning) in meanings)
        {
            var response = new OpenApiResponse { Description = endpoint?.EndpointSummary?.Responses.GetValueOrDefault(status) ?? meaning };
            response.Content["application/json"] = new OpenApiMediaType { Schema = envelope };
            operation.Responses[status.ToString()] = response;
        }
    }
}
