using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ChatFake.Infrastructure.Http.OpenApi;

/// <summary>
/// Puts the document in a stable order (paths, methods, responses and schemas sorted), so that
/// the committed copy only changes when the API does.
/// </summary>
sealed class DocumentLayout : IDocumentProcessor
{
    static readonly string[] MethodOrder = ["get", "post", "put", "patch", "delete"];

    public void Process(DocumentProcessorContext context)
    {
        var document = context.Document;
        foreach (var (_, pathItem) in document.Paths)
        {
            foreach (var (_, operation) in pathItem)
                Reorder(operation.Responses, r => r.OrderBy(x => x.Key, StringComparer.Ordinal));
            Reorder(pathItem, p => p.OrderBy(x => Array.IndexOf(MethodOrder, x.Key) is var i and >= 0 ? i : MethodOrder.Length)
                .ThenBy(x => x.Key, StringComparer.Ordinal));
        }
        Reorder(document.Paths, p => p.OrderBy(x => x.Key, StringComparer.Ordinal));
        Reorder(document.Components.Schemas, s => s.OrderBy(x => x.Key, StringComparer.Ordinal));
    }

    static void Reorder<TValue>(IDictionary<string, TValue> entries,
        Func<IEnumerable<KeyValuePair<string, TValue>>, IEnumerable<KeyValuePair<string, TValue>>> order)
    {
        var sorted = order(entries).ToList();
        entries.Clear();
        foreach (var (key, value) in sorted) entries.Add(key, value);
    }
}
