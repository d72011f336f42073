using ChatFake.FakeModel;
using FastEndpoints.Swagger;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// What FastEndpoints cannot see of a request, so it cannot document: the paging parameters
/// bind as strings (so that <see cref="PagingRules"/> alone decides what is valid) but are
/// integers on the wire, with the default limit of the request type's <c>DefaultLimit</c>; a
/// query value is absent or a string, never JSON null; and the <c>X-Fake-Scenario</c> header,
/// which the endpoints marked with <see cref="ReadsScenarioHeader"/> read themselves.
/// Everything else of an operation comes from its endpoint (its group, its summary) and
/// <see cref="Answers"/>.
/// </summary>
sealed class WireOperations : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        if (context.GetEndpointDefinition() is not { } endpoint) return true;

        if (endpoint.ReqDtoType.IsAssignableTo(typeof(PagedRequest)))
            DocumentPaging(operation, DefaultLimitOf(endpoint.ReqDtoType));
        foreach (var query in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Query))
            query.Schema.IsNullableRaw = null;

        if (endpoint.EndpointMetadata?.OfType<ReadsScenarioHeader>().Any() == true)
            AddScenarioHeader(context);
        return true;
    }

    static int DefaultLimitOf(Type request) =>
        request.GetField("DefaultLimit")?.GetRawConstantValue() as int?
        ?? throw new InvalidOperationException($"{request.FullName} is a list request without a DefaultLimit constant.");

    static void DocumentPaging(OpenApiOperation operation, int defaultLimit)
    {
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

    static void AddScenarioHeader(OperationProcessorContext context)
    {
        context.OperationDescription.Operation.Parameters.Add(new OpenApiParameter
        {
            Name = Scenarios.Header,
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
        foreach (var value in Scenarios.ByName.Keys)
            scenario.Enumeration.Add(value);
        return document.Components.Schemas[name] = scenario;
    }
}
