using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.OpenAi.GetModel;

sealed class Endpoint(ModelCatalog catalog) : Endpoint<Request, OpenAiModel>
{
    public override void Configure()
    {
        Get("/v1/models/{id}");
        Group<Area>();
        Summary(s =>
        {
            OpenAiDocs.Errors(s, callsModel: false);
            s.Summary = "One active model, as OpenAI's Retrieve model";
            s.ResponseExamples[200] = new OpenAiModel("gpt-4", "model", OpenAiModel.Created2024, "openai");
            s.Response<OpenAiError>(StatusCodes.Status404NotFound, "No active model has this id (`code: model_not_found`)");
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (OpenAiModel.FindActive(catalog, req.Id) is { } model)
            await Send.OkAsync(OpenAiModel.From(model), ct);
        else
            await HttpContext.SendOpenAiErrorAsync(StatusCodes.Status404NotFound, OpenAiError.ModelNotFound(req.Id), ct);
    }
}
