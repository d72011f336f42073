using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Tags;

/// <summary>The endpoint group of every route under Features/Tags.</summary>
sealed class Area() : ApiArea("Tags", 4, "The tags in use across your conversations.");
