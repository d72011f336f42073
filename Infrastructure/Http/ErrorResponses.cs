using System.Text.Json;
using System.Text.RegularExpressions;
using ChatFake.Infrastructure.Data;
using FluentValidation.Results;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatFake.Infrastructure.Http;

/// <summary>The one place that turns every kind of failure into the error envelope.</summary>
public static partial class ErrorResponses
{
    const string BodyField = "serializerErrors";

    /// <summary>
    /// What a request body that System.Text.Json refused becomes: a syntax error or a body that
    /// is not an object is about the whole body; a field of the wrong type names that field.
    /// </summary>
    public static ValidationFailure FromJsonException(JsonException exception)
    {
        // Syntax errors come from the reader (an internal JsonException subclass, rethrown
        // wrapped with the path); type mismatches are plain JsonExceptions naming the field.
        if (exception.GetType() != typeof(JsonException) || exception.InnerException is JsonException)
            return new(BodyField, "Malformed JSON body");
        var field = FieldPattern().Match(exception.Path ?? "");
        return field.Success
            ? new(field.Groups[1].Value, $"{field.Groups[1].Value} has the wrong JSON type")
            : new(BodyField, "The request body must be a JSON object");
    }

    /// <summary>FastEndpoints' validation and binding failures → 400 envelope with <c>errors</c>.</summary>
    public static object FromValidation(List<ValidationFailure> failures, HttpContext ctx, int status)
    {
        var bodyFailure = failures.FirstOrDefault(f => f.PropertyName.Equals(BodyField, StringComparison.OrdinalIgnoreCase));
        if (bodyFailure is not null)
            return BodyOf(ctx, status, bodyFailure.ErrorMessage, null);

        var fields = failures
            .GroupBy(f => f.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        var general = failures.FirstOrDefault(f => f.PropertyName == "generalErrors");
        return general is not null && fields.Count == 1
            ? BodyOf(ctx, status, general.ErrorMessage, null)
            : BodyOf(ctx, status, $"Validation failed: {failures[0].ErrorMessage}", fields);
    }

    public static Task SendErrorAsync(this HttpContext ctx, int status, string message, CancellationToken ct = default,
        IDictionary<string, string[]>? errors = null)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(BodyOf(ctx, status, message, errors), JsonOptionsOf(ctx), ct);
    }

    /// <summary>The envelope, or the body of the protocol the request speaks.</summary>
    static object BodyOf(HttpContext ctx, int status, string message, IDictionary<string, string[]>? errors) =>
        ProtocolBody(ctx, status, message, errors) ?? Envelope.Error(message, errors);

    /// <summary>The error body of the protocol the request speaks (<see cref="IErrorShape"/>);
    /// null for ChatFake's own routes.</summary>
    public static object? ProtocolBody(HttpContext ctx, int status, string message, IDictionary<string, string[]>? errors = null) =>
        ctx.RequestServices.GetServices<IErrorShape>().FirstOrDefault(shape => shape.AppliesTo(ctx.Request))?.Body(status, message, errors);

    /// <summary>
    /// Unhandled exceptions → 500 envelope (logged with the trace id, no internals on the wire);
    /// once the database has failed (disk full, I/O error), any exception → 503 with its reason;
    /// Kestrel's own request errors (body too large...) keep their status; responses that end
    /// with an error status and no body (unknown route, wrong method, auth challenge) get one.
    /// </summary>
    /// <summary>What an unknown route answers with a 404.</summary>
    public static string RouteNotFound(HttpRequest request) => $"Route not found: {request.Method} {request.Path}";

    public static void UseErrorEnvelopes(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Bad input (a body over the limit) is answered with its 4xx; it is no server
            // error to log with a stack trace. Real failures are logged below.
            // A database that failed was logged once, when it failed: the requests it fails are
            // answered 503, not logged again.
            SuppressDiagnosticsCallback = failure => failure.Exception is BadHttpRequestException or Data.OwnerGoneException
                || failure.HttpContext.RequestServices.GetRequiredService<ChatDb>().Unavailable(failure.Exception) is not null,
            ExceptionHandler = async ctx =>
            {
                var exception = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (exception is Data.OwnerGoneException)
                {
                    await ctx.SendErrorAsync(StatusCodes.Status401Unauthorized, "Invalid token");
                    return;
                }
                if (exception is BadHttpRequestException bad)
                {
                    await ctx.SendErrorAsync(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? "Request body too large" : "Bad request");
                    return;
                }
                if (ctx.RequestServices.GetRequiredService<ChatDb>().Unavailable(exception) is { } unavailable)
                {
                    await ctx.SendErrorAsync(StatusCodes.Status503ServiceUnavailable, unavailable.Message);
                    return;
                }
                app.Logger.LogError(exception, "Unhandled exception, trace id {TraceId}", ctx.TraceIdentifier);
                await ctx.SendErrorAsync(StatusCodes.Status500InternalServerError,
                    $"Internal server error (trace id {ctx.TraceIdentifier})");
            },
        });

        app.UseStatusCodePages(async status =>
        {
            var ctx = status.HttpContext;
            // A body that is not JSON is bad input like any other (docs/API.md: 400), not a 415.
            if (ctx.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            var message = ctx.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => "Authentication required",
                StatusCodes.Status403Forbidden => "Forbidden",
                StatusCodes.Status404NotFound => RouteNotFound(ctx.Request),
                StatusCodes.Status405MethodNotAllowed => $"Method not allowed: {ctx.Request.Method} {ctx.Request.Path}",
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                StatusCodes.Status400BadRequest => "Request body must be JSON (Content-Type: application/json)",
                _ => "Request failed",
            };
            await ctx.SendErrorAsync(ctx.Response.StatusCode, message);
        });
    }

    [GeneratedRegex(@"^\$\.([A-Za-z0-9_]+)")]
    private static partial Regex FieldPattern();

    static JsonSerializerOptions JsonOptionsOf(HttpContext ctx) =>
        ctx.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}
