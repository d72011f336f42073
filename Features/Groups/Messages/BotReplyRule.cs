using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Messages;

/// <summary>
/// The anti-loop rule of group conversations: only a user's message makes the bots answer, so
/// a bot's reply can never set off another bot (docs/API.md, "Groups").
/// </summary>
public static class BotReplyRule
{
    public static bool TriggersBotReplies(MessageDoc message) => message.SenderType == MessageDoc.User;
}
