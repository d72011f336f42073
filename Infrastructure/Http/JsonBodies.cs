using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatFake.Infrastructure.Http;

public static class JsonBodies
{
    /// <summary>
    /// FastEndpoints' own body reader, except that a <c>null</c> body is refused: FastEndpoints
    /// would bind it as an empty request, so a route whose fields are all optional would accept
    /// it, while API.md makes every body that is not a JSON object a 400 ("[]" and "42" already
    /// fail to deserialize).
    /// </summary>
    public static Func<HttpRequest, Type, JsonSerializerContext?, CancellationToken, ValueTask<object?>> ObjectsOnly(
        SerializerOptions serializer) =>
        async (request, type, context, ct) =>
            await request.ReadFromJsonAsync(type, context?.Options ?? serializer.Options, ct)
            ?? throw new JsonException("The request body must be a JSON object, not null.", "$", 0, 0);
}
