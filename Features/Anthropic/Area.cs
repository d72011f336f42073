using ChatFake.Infrastructure.Http.OpenApi;

namespace ChatFake.Features.Anthropic;

/// <summary>The endpoint group of every route under Features/Anthropic.</summary>
sealed class Area() : ApiArea("Anthropic", 10,
    "Anthropic-compatible `POST /v1/messages` for Anthropic's SDKs: the same fake models, with Anthropic's wire shapes and errors. "
    + "`GET /v1/models` with the `anthropic-version` header answers Anthropic's list (see the OpenAI area's `GET /v1/models`).");
