using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using NJsonSchema;
using NJsonSchema.Generation;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// What the app writes is written whole: every property of a response shape is on the wire
/// (as null when it has no value), so each one is required, nullable or not. The exception is a
/// property ignored when null (<c>errors</c> of the error envelope): it is optional and, when
/// present, never null. Request bodies keep what their validators say is required.
/// </summary>
sealed class WireSchemas : ISchemaProcessor
{
    static readonly HashSet<Type> RequestTypes = typeof(WireSchemas).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(IEndpoint).IsAssignableFrom(t))
        .Select(RequestTypeOf)
        .OfType<Type>()
        .ToHashSet();

    public void Process(SchemaProcessorContext context)
    {
        var type = context.ContextualType.Type;
        if (context.Schema.Properties.Count == 0) return;
        if (RequestTypes.Contains(type))
        {
            // docs/API.md: unknown request fields are ignored, so a client may send them.
            context.Schema.AllowAdditionalProperties = true;
            DescribeRequestArrays(context.Schema);
            return;
        }

        var omittedWhenNull = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition
                is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
            .Select(WireName)
            .ToHashSet();
        foreach (var (name, property) in context.Schema.Properties)
        {
            if (omittedWhenNull.Contains(name))
                property.IsNullableRaw = null;
            else
                property.IsRequired = true;
        }
        // Listed in the order of the properties, as a reader expects.
        var required = context.Schema.Properties.Keys.Where(context.Schema.RequiredProperties.Contains).ToList();
        context.Schema.RequiredProperties.Clear();
        foreach (var name in required) context.Schema.RequiredProperties.Add(name);
    }

    /// <summary>
    /// Request arrays say what a valid array holds: FluentValidation's NotEmpty comes out as a
    /// string's minLength, and elements bound as nullable (so that the validator can name a null
    /// one) are never valid as null.
    /// </summary>
    static void DescribeRequestArrays(JsonSchema schema)
    {
        foreach (var property in schema.Properties.Values.Where(p => p.Type.HasFlag(JsonObjectType.Array)))
        {
            if (property.MinLength is { } least) (property.MinItems, property.MinLength) = (least, null);
            if (property.Item is { } item) item.IsNullableRaw = null;
        }
    }

    static string WireName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    static Type? RequestTypeOf(Type endpoint)
    {
        for (var t = endpoint.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Endpoint<,>) || t.GetGenericTypeDefinition() == typeof(Endpoint<>)))
                return t.GetGenericArguments()[0];
        return null;
    }
}
