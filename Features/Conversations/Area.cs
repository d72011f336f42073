using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Conversations;

/// <summary>The endpoint group of every route under Features/Conversations.</summary>
sealed class Area() : ApiArea("Conversations", 3, "Your personal conversations, with tags and a model each.");
