using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Dev;

/// <summary>How many of everything the database holds.</summary>
public sealed record DevState(int Users, int Conversations, int Groups, int Messages, int Models, int Bots)
{
    // Counting reads every key: fine for a route that only test suites call.
    public static DevState Of(ChatDb db) => new(db.Users.Count(), db.Conversations.Count(), db.Groups.Count(),
        db.Messages.Count(), db.Models.Count(), db.Bots.Count());
}
