using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.OpenAi.ListModels;

sealed class Endpoint(ChatDb db) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get("/v1/models");
        Group<Area>();
        Summary(s =>
        {
            OpenAiDocs.Errors(s, callsModel: false);
            s.Summary = "The active models, as OpenAI's List models";
            s.Description = "`owned_by` is the provider, lower-case. `created` is the same fixed date for every model.";
            s.ResponseExamples[200] = new Response([new("gpt-4", "model", OpenAiModel.Created2024, "openai")]);
        });
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(new Response(Data.Active(db).Select(OpenAiModel.From).ToList()), ct);
}
