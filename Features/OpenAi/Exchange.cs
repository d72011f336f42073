using ChatFake.FakeModel;

namespace ChatFake.Features.OpenAi;

/// <summary>
/// Where the <c>/v1</c> routes make the fake model speak: its call before the reply (latency,
/// scenarios, retries) and the paced chunks of the reply, exactly as the native routes do.
/// </summary>
static class Exchange
{
    /// <summary>The model's call before a reply: null when it succeeded, else the error to answer with
    /// (504 after the timeout scenario, 500 for every other failure).</summary>
    public static async Task<(int Status, OpenAiError Error)?> CallAsync(FakeAi ai, Scenario scenario, bool streamed, CancellationToken ct)
    {
        var call = await ai.CallAsync(scenario, streamed ? DelayRange.BeforeStream : DelayRange.BeforeReply, ct);
        if (call.Succeeded) return null;
        var status = scenario == Scenario.Timeout ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status500InternalServerError;
        return (status, OpenAiError.Of(status, call.Error!));
    }

    public static IAsyncEnumerable<string> Chunks(FakeAi ai, Reply reply, Scenario scenario, CancellationToken ct) =>
        ai.StreamAsync(reply, scenario, DelayRange.BetweenChunks, ct);
}
