using System.Globalization;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Streaming;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatFake.Features.OpenAi;

/// <summary>The answers every OpenAI route gives before its reply: errors and the 429s.</summary>
static class OpenAiAnswers
{
    public static Task SendOpenAiErrorAsync(this HttpContext http, int status, OpenAiError error, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(error,
            http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, ct);
    }

    /// <summary>
    /// The checks of a model call that come after the body's: a slot for a stream
    /// (MAX_STREAMS_PER_USER), then the rate_limit scenarios. Null when the request was answered
    /// with a 429; else the slot to hold until the stream ends (none for a plain call).
    /// </summary>
    public static async Task<Admission?> AdmitAsync(this HttpContext http, FakeAi ai, StreamSlots slots, string userId,
        Scenario scenario, bool stream, CancellationToken ct)
    {
        var slot = stream ? slots.TryOpen(userId) : null;
        if (stream && slot is null)
        {
            await http.SendOpenAiErrorAsync(StatusCodes.Status429TooManyRequests,
                OpenAiError.Of(StatusCodes.Status429TooManyRequests, slots.TooMany), ct);
            return null;
        }
        if (ai.RateLimited(scenario, userId) is { } wait)
        {
            slot?.Dispose();
            http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await http.SendOpenAiErrorAsync(StatusCodes.Status429TooManyRequests, OpenAiError.Of(StatusCodes.Status429TooManyRequests,
                $"Rate limit reached ({Scenarios.Header}: {Scenarios.ByName.Single(s => s.Value == scenario).Key}); retry after {(int)wait.TotalSeconds}s"), ct);
            return null;
        }
        return new Admission(slot);
    }

    /// <summary>A request let through to the model; disposing it gives back its stream slot.</summary>
    public sealed class Admission(IDisposable? slot) : IDisposable
    {
        public void Dispose() => slot?.Dispose();
    }
}
