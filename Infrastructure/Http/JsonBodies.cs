using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;

namespace ChatFake.Infrastructure.Http;

public static class JsonBodies
{
    /// <summary>
    /// FastEndpoints' own body reader, except that a <c>null</c> body is refused: FastEndpoints
    /// would bind it as an empty request, so a route whose fields are all optional would accept
    /// it, while docs/API.md makes every body that is not a JSON object a 400 ("[]" and "42" already
    /// fail to deserialize).
    /// </summary>
    public static Func<HttpRequest, Type, JsonSerializerContext?, CancellationToken, ValueTask<object?>> ObjectsOnly(
        SerializerOptions serializer) =>
        async (request, type, context, ct) =>
            await request.ReadFromJsonAsync(type, context?.Options ?? serializer.Options, ct)
            ?? throw new JsonException("The request body must be a JSON object, not null.", "$", 0, 0);

    /// <summary>
    /// What a request without a body means, whatever its headers say. A POST, PUT or PATCH reads
    /// as <c>{}</c>: a frontend that posts nothing to create a conversation gets the defaults, and
    /// a route with required fields names them in a 400, instead of a 415 or a "malformed JSON"
    /// that says nothing about the fields. Any other method is served as if it carried no
    /// Content-Type: many fetch wrappers (and Python's urllib) send <c>application/json</c> on
    /// every request, and FastEndpoints would try to read a JSON body from a bodiless GET.
    /// </summary>
    public static IApplicationBuilder UseBodilessRequests(this IApplicationBuilder app) =>
        app.Use((ctx, next) =>
        {
            var request = ctx.Request;
            var noBody = request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey(HeaderNames.TransferEncoding));
            if (!noBody) return next(ctx);
            if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
            {
                request.Body = new MemoryStream("{}"u8.ToArray());
                request.ContentLength = 2;
                request.ContentType = "application/json";
            }
            else
            {
                request.Headers.Remove(HeaderNames.ContentType);
            }
            return next(ctx);
        });
}
