using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Get;

static class Data
{
    public static GroupDoc? Find(ChatDb db, string id, string userId) =>
        db.GroupOf(id, userId);
}
