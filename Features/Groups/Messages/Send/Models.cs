using ChatFake.Features.Chat;

namespace ChatFake.Features.Groups.Messages.Send;

/// <summary>201: the user message and every bot's reply, in bot-id order. 202 (in a
/// FailureEnvelope): the user message, marked, and the replies stored before a bot failed.</summary>
public sealed record Response(MessageDto UserMessage, IReadOnlyList<MessageDto> BotMessages);
