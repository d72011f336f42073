using System.ClientModel.Primitives;

namespace ChatFake.Tests.OpenAi;

/// <summary>Adds a header to every request of an OpenAI library client (X-Fake-Scenario, X-ChatFake-Conversation).</summary>
public sealed class RequestHeader(string name, string value) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(name, value);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(name, value);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
