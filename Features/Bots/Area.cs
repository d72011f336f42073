using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Bots;

/// <summary>The endpoint group of every route under Features/Bots.</summary>
sealed class Area() : ApiArea("Bots", 6, "The preset bots that take part in group conversations.");
