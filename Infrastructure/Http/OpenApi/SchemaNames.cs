using System.Collections.Concurrent;
using NJsonSchema.Generation;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// Schema names that read well in generated clients: <c>Message</c>, <c>EnvelopeOfGroup</c>,
/// <c>PagedEnvelopeOfConversation</c>, <c>EnvelopeOfBotList</c>. A slice's own <c>Request</c> and
/// <c>Response</c> are named after the slice (<c>GroupsDeleteResponse</c>). Two types that would
/// share a name stop the document from being generated rather than get a numbered name that
/// depends on the order the endpoints were found in.
/// </summary>
sealed class SchemaNames : ISchemaNameGenerator
{
    readonly ConcurrentDictionary<string, Type> owners = new();

    public string Generate(Type type)
    {
        var name = NameOf(type);
        var owner = owners.GetOrAdd(name, type);
        if (owner != type)
            throw new InvalidOperationException(
                $"{owner.FullName} and {type.FullName} would both be the OpenAPI schema {name}; rename one of them.");
        return name;
    }

    static string NameOf(Type type)
    {
        if (type.IsArray) return NameOf(type.GetElementType()!) + "List";
        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            if (arguments.Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
                return NameOf(arguments[0]) + "List";
            return type.Name[..type.Name.IndexOf('`')] + "Of" + string.Concat(arguments.Select(NameOf));
        }
        if (type.Name is "Request" or "Response" && SlicePath(type) is { } slice)
            return slice + type.Name;
        return type.Name.EndsWith("Dto", StringComparison.Ordinal) ? type.Name[..^3] : type.Name;
    }

    /// <summary><c>ChatFake.Features.Groups.Messages.List</c> → <c>GroupsMessagesList</c>.</summary>
    public static string? SlicePath(Type type)
    {
        const string features = "ChatFake.Features.";
        return type.Namespace?.StartsWith(features, StringComparison.Ordinal) == true
            ? type.Namespace[features.Length..].Replace(".", "")
            : null;
    }
}
