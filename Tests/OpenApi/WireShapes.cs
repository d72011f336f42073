using System.Text.Json.Nodes;

namespace ChatFake.Tests.OpenApi;

/// <summary>
/// Checks a schema of the OpenAPI document against a shape written the way docs/API.md writes it,
/// TypeScript-like: <c>"created_at: string"</c>, <c>"model_id: string | null"</c> (present, maybe
/// null), <c>"errors?: object"</c> (may be absent), <c>"bots: Bot[]"</c>, <c>"type: 'done'"</c>
/// (that one string). Capitalised types are shapes of <see cref="Shapes"/>. An object must have
/// exactly the listed properties, in that order, required unless marked with <c>?</c>.
/// </summary>
public sealed class WireShapes(JsonNode document, IReadOnlyDictionary<string, string[]> shapes)
{
    /// <summary>The problems found, each prefixed with where they are; none when the schema fits.</summary>
    public IEnumerable<string> Check(JsonNode? schema, string type, string at)
    {
        var (resolved, nullable) = Resolve(schema);
        if (resolved is null)
        {
            yield return $"{at}: no schema";
            yield break;
        }
        var wantsNull = type.EndsWith(" | null", StringComparison.Ordinal);
        if (wantsNull) type = type[..^" | null".Length];
        if (nullable != wantsNull)
            yield return $"{at}: {(wantsNull ? "should be" : "should not be")} nullable";

        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            if ((string?)resolved["type"] != "array") yield return $"{at}: should be an array";
            else
                foreach (var problem in Check(resolved["items"], type[..^2], at + "[]"))
                    yield return problem;
        }
        else if (type.StartsWith('\''))
        {
            var only = type.Trim('\'');
            if ((string?)resolved["type"] != "string" || resolved["enum"] is not JsonArray values
                || values.Count != 1 || (string?)values[0] != only)
                yield return $"{at}: should be the string '{only}' only";
        }
        else if (shapes.TryGetValue(type, out var properties))
        {
            foreach (var problem in CheckObject(resolved, properties, at))
                yield return problem;
        }
        else if ((string?)resolved["type"] != type)
            yield return $"{at}: should be {type}, is {resolved["type"]?.ToJsonString() ?? "untyped"}";
    }

    /// <summary>The problems of an object schema that should have exactly these properties.</summary>
    public IEnumerable<string> CheckObject(JsonNode? schema, string[] expected, string at)
    {
        schema = Resolve(schema).Schema;
        if (schema is null)
        {
            yield return $"{at}: no schema";
            yield break;
        }
        var fields = expected.Select(Field).ToList();
        var actual = schema["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
        if (!actual.SequenceEqual(fields.Select(f => f.Name)))
        {
            yield return $"{at}: properties should be [{string.Join(", ", fields.Select(f => f.Name))}], are [{string.Join(", ", actual)}]";
            yield break;
        }
        var required = schema["required"]?.AsArray().Select(r => (string?)r).ToHashSet() ?? [];
        foreach (var field in fields)
        {
            if (required.Contains(field.Name) == field.Optional)
                yield return $"{at}.{field.Name}: should be {(field.Optional ? "optional" : "required")}";
            foreach (var problem in Check(schema["properties"]![field.Name], field.Type, $"{at}.{field.Name}"))
                yield return problem;
        }
    }

    static (string Name, bool Optional, string Type) Field(string declaration)
    {
        var colon = declaration.IndexOf(':');
        var name = declaration[..colon].Trim();
        var optional = name.EndsWith('?');
        return (name.TrimEnd('?'), optional, declaration[(colon + 1)..].Trim());
    }

    /// <summary>Follows <c>$ref</c>, and the <c>nullable</c> + one-element <c>oneOf</c> that stands for a nullable reference.</summary>
    public (JsonNode? Schema, bool Nullable) Resolve(JsonNode? schema)
    {
        var nullable = (bool?)schema?["nullable"] == true;
        if (schema?["oneOf"] is JsonArray { Count: 1 } single && schema["type"] is null)
            schema = single[0];
        while ((string?)schema?["$ref"] is { } reference)
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]];
        return (schema, nullable || (bool?)schema?["nullable"] == true);
    }
}
