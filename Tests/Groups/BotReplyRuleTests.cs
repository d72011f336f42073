using ChatFake.Features.Groups.Messages;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Tests.Groups;

public sealed class BotReplyRuleTests
{
    [Fact]
    public void A_users_message_triggers_bot_replies() =>
        Assert.True(BotReplyRule.TriggersBotReplies(new MessageDoc { SenderType = MessageDoc.User, SenderId = "u1" }));

    [Fact]
    public void A_bots_message_never_triggers_another_bot() =>
        Assert.False(BotReplyRule.TriggersBotReplies(new MessageDoc { SenderType = MessageDoc.Bot, SenderId = "bot-cs", SenderName = "客服机器人" }));

    [Theory]
    [InlineData("")]
    [InlineData("User")]
    [InlineData("system")]
    public void Nothing_but_the_exact_user_sender_type_triggers(string senderType) =>
        Assert.False(BotReplyRule.TriggersBotReplies(new MessageDoc { SenderType = senderType }));
}
