namespace ChatFake.Features.Messages.Send;

/// <summary>201: both messages. 202 (in a FailureEnvelope): the user message, and null.</summary>
public sealed record Response(MessageDto UserMessage, MessageDto? AiMessage);
