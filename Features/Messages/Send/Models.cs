using ChatFake.Features.Chat;

namespace ChatFake.Features.Messages.Send;

/// <summary>201: both messages.</summary>
public sealed record Response(MessageDto UserMessage, MessageDto AiMessage);

/// <summary>202 (in a FailureEnvelope): the stored user message, marked, and no reply.</summary>
public sealed record FailedReply(MessageDto UserMessage)
{
    public MessageDto? AiMessage => null;
}
