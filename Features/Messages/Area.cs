using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Messages;

/// <summary>The endpoint group of every route under Features/Messages.</summary>
sealed class Area() : ApiArea("Messages", 5, "The messages of a personal conversation: list, send, and stream the reply over SSE.");
