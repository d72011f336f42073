using ChatFake.Features.Anthropic;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.OpenAi.ListModels;

sealed class Endpoint(ModelCatalog catalog) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get("/v1/models");
        Group<Area>();
        Summary(s =>
        {
            OpenAiDocs.Errors(s, callsModel: false);
            s.Summary = "The active models, as OpenAI's List models";
            s.Description = "`owned_by` is the provider, lower-case. `created` is the same fixed date for every model. " +
                "With the `anthropic-version` header (Anthropic's SDKs) the list is Anthropic's: `{data: [{type, id, display_name, created_at}], has_more, first_id, last_id}`, paged by `limit`, `after_id`, `before_id`.";
            s.ResponseExamples[200] = new Response([new("gpt-4", "model", OpenAiModel.Created2024, "openai")]);
        });
    }

    /// <summary>Anthropic's SDKs call the same route, with their version header: they get Anthropic's list.</summary>
    public override Task HandleAsync(CancellationToken ct) =>
        AnthropicErrors.Speaks(HttpContext.Request)
            ? Send.ResultAsync(Anthropic.ListModels.Data.Answer(HttpContext.Request, catalog))
            : Send.OkAsync(new Response(catalog.Active.Select(OpenAiModel.From).ToList()), ct);
}
