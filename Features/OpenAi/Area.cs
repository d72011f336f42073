using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.OpenAi;

/// <summary>The endpoint group of every route under Features/OpenAi.</summary>
sealed class Area() : ApiArea("OpenAI", 9,
    "OpenAI-compatible routes (`/v1`) for the OpenAI SDKs and tools: the same fake models, with OpenAI's wire shapes and errors. "
    + "Optional `X-ChatFake-Conversation: <id>` on the POSTs stores the exchange in that conversation of yours.");
