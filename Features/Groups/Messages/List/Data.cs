using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Messages.List;

static class Data
{
    /// <summary>How many messages the owner's group has; null when the owner has no such group.</summary>
    public static int? CountOwned(ChatDb db, string id, string userId) =>
        db.Groups.FindOne(x => x.Id == id && x.OwnerId == userId)?.MessageCount;
}
