using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Groups.Create;

static class Data
{
    public static Task InsertAsync(ChatDb db, GroupDoc group) => db.InsertGroupAsync(group);
}
