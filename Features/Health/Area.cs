using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Health;

/// <summary>The endpoint group of every route under Features/Health.</summary>
sealed class Area() : ApiArea("Health", 8, "Whether the app and its database answer.");
