using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Messages.List;

static class Data
{
    /// <summary>How many messages the owner's group has; null when the owner has no such group.</summary>
    public static int? CountOwned(ChatDb db, string id, string userId) =>
        db.GroupOf(id, userId)?.MessageCount;
}
