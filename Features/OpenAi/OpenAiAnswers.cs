using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatFake.Features.OpenAi;

/// <summary>An error the OpenAI routes send themselves, with a code or param of its own.</summary>
static class OpenAiAnswers
{
    public static Task SendOpenAiErrorAsync(this HttpContext http, int status, OpenAiError error, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(error,
            http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, ct);
    }
}
