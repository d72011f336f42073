using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Auth;

/// <summary>The endpoint group of every route under Features/Auth.</summary>
sealed class Area() : ApiArea("Auth", 1, "Accounts and tokens: register or log in, then send `Authorization: Bearer <token>`.");
