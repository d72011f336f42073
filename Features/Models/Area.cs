using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Models;

/// <summary>The endpoint group of every route under Features/Models.</summary>
sealed class Area() : ApiArea("Models", 2, "The fake AI models a conversation can talk to.");
