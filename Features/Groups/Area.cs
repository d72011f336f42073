using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Groups;

/// <summary>The endpoint group of every route under Features/Groups.</summary>
sealed class Area() : ApiArea("Groups", 7, "Group conversations, where every bot of the group answers a message in turn.");
