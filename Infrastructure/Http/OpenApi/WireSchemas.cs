using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Namotion.Reflection;
using NJsonSchema;
using NJsonSchema.Generation;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// What the app writes is written whole: every property of a response shape is on the wire
/// (as null when it has no value), so each one is required, nullable or not. The exception is a
/// property ignored when null (<c>errors</c> of the error envelope): it is optional and, when
/// present, never null, and is listed after the others. A property whose getter returns a string
/// literal (the <c>type</c> of a stream event) is that one value. An abstract type with no
/// properties of its own (a stream's <c>StreamEvent</c>) is any one of the types derived from
/// it. Request bodies keep what their validators say is required.
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
        if (type is { IsClass: true, IsAbstract: true } && context.Schema.Properties.Count == 0)
        {
            DescribeAsOneOfDerived(context);
            return;
        }
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
        foreach (var (name, value) in StringLiterals(type))
            context.Schema.Properties[name].Enumeration.Add(value);

        var ordered = context.Schema.Properties.OrderBy(p => omittedWhenNull.Contains(p.Key)).ToList();
        context.Schema.Properties.Clear();
        foreach (var (name, property) in ordered) context.Schema.Properties.Add(name, property);
        // Listed in the order of the properties, as a reader expects.
        var required = context.Schema.Properties.Keys.Where(context.Schema.RequiredProperties.Contains).ToList();
        context.Schema.RequiredProperties.Clear();
        foreach (var name in required) context.Schema.RequiredProperties.Add(name);
    }

    static void DescribeAsOneOfDerived(SchemaProcessorContext context)
    {
        var schema = context.Schema;
        (schema.Type, schema.IsAbstract, schema.AllowAdditionalProperties) = (JsonObjectType.None, false, true);
        var type = context.ContextualType.Type;
        foreach (var derived in type.Assembly.GetTypes().Where(t => t.BaseType == type))
        {
            var reference = context.Generator.GenerateWithReference<JsonSchema>(derived.ToContextualType(), context.Resolver);
            schema.OneOf.Add(new JsonSchema { Reference = reference.ActualSchema });
        }
    }

    /// <summary>The wire names and values of the get-only properties whose getter is <c>return "literal";</c>.</summary>
    static IEnumerable<(string Name, string Value)> StringLiterals(Type type)
    {
        const byte loadString = 0x72, ret = 0x2A;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType != typeof(string) || property.SetMethod is not null) continue;
            var body = property.GetMethod?.GetMethodBody()?.GetILAsByteArray();
            if (body is [loadString, _, _, _, _, ret])
                yield return (WireName(property), type.Module.ResolveString(BitConverter.ToInt32(body, 1)));
        }
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
