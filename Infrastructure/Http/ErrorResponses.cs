using System.Text.Json;
using FluentValidation.Results;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatFake.Infrastructure.Http;

/// <summary>The one place that turns every kind of failure into the error envelope.</summary>
public static class ErrorResponses
{
    public const string MalformedBody = "Malformed JSON body";

    /// <summary>FastEndpoints' validation and binding failures → 400 envelope with <c>errors</c>.</summary>
    public static object FromValidation(List<ValidationFailure> failures, HttpContext ctx, int status)
    {
        var bodyFailure = failures.FirstOrDefault(f => f.PropertyName.Equals("serializerErrors", StringComparison.OrdinalIgnoreCase));
        if (bodyFailure is not null)
            return Envelope.Error($"{MalformedBody}: {bodyFailure.ErrorMessage}");

        var fields = failures
            .GroupBy(f => f.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        var general = failures.FirstOrDefault(f => f.PropertyName == "generalErrors");
        return general is not null && fields.Count == 1
            ? Envelope.Error(general.ErrorMessage)
            : Envelope.Error($"Validation failed: {failures[0].ErrorMessage}", fields);
    }

    public static Task SendErrorAsync(this HttpContext ctx, int status, string message, CancellationToken ct = default,
        IDictionary<string, string[]>? errors = null)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(Envelope.Error(message, errors), JsonOptionsOf(ctx), ct);
    }

    /// <summary>
    /// Unhandled exceptions → 500 envelope (logged with the trace id, no internals on the wire);
    /// Kestrel's own request errors (body too large...) keep their status; responses that end
    /// with an error status and no body (unknown route, wrong method, auth challenge) get one.
    /// </summary>
    public static void UseErrorEnvelopes(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Bad input (a body over the limit) is answered with its 4xx; it is no server
            // error to log with a stack trace. Real failures are logged below.
            SuppressDiagnosticsCallback = failure => failure.Exception is BadHttpRequestException,
            ExceptionHandler = async ctx =>
            {
                var exception = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (exception is BadHttpRequestException bad)
                {
                    await ctx.SendErrorAsync(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? "Request body too large" : "Bad request");
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
            // A body that is not JSON is bad input like any other (API.md: 400), not a 415.
            if (ctx.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            var message = ctx.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => "Authentication required",
                StatusCodes.Status403Forbidden => "Forbidden",
                StatusCodes.Status404NotFound => $"Route not found: {ctx.Request.Method} {ctx.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"Method not allowed: {ctx.Request.Method} {ctx.Request.Path}",
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                StatusCodes.Status400BadRequest => "Request body must be JSON (Content-Type: application/json)",
                _ => "Request failed",
            };
            await ctx.SendErrorAsync(ctx.Response.StatusCode, message);
        });
    }

    static JsonSerializerOptions JsonOptionsOf(HttpContext ctx) =>
        ctx.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
}
