using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Create;

static class Data
{
    public static void Insert(ChatDb db, GroupDoc group) => db.InsertGroup(group);
}
