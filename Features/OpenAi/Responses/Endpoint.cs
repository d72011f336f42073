using ChatFake.FakeModel;
using ChatFake.Features.Chat;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.OpenAi.Responses;

sealed class Endpoint(ChatDb db, ModelCatalog catalog, ChatExchange chat, TimeProvider time) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/v1/responses");
        Group<Area>();
        Metadata(new ReadsScenarioHeader());
        Summary(s =>
        {
            OpenAiDocs.Errors(s, callsModel: true);
            s.Summary = "OpenAI's Create a model response (Responses API): the fake model answers the last user message";
            s.ExampleRequest = new { model = "gpt-4", instructions = "Be brief.", input = "Hello!", stream = false };
            s.ResponseExamples[200] = new Response("resp_8c1d0e2f3a4b4c5d9e6f7a8b9c0d1e2f", 1764576000, "completed", 1764576000, null, "Be brief.", null, "gpt-4",
                [new OutputMessage("msg_1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6", "completed", [new OutputText("[gpt-4] Hi! Happy to help.")])],
                new ResponseUsage(15, 21));
            s.Responses[200] = "A response object; with `stream: true`, text/event-stream of the Responses streaming events (`event:` equal to the data's `type`, `sequence_number` from 0): response.created, response.in_progress, response.output_item.added, response.content_part.added, response.output_text.delta per piece, response.output_text.done, response.content_part.done, response.output_item.done, response.completed (response.incomplete when cut at max_output_tokens)";
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (OpenAiModel.FindActive(catalog, req.Model) is not { } model)
        {
            await HttpContext.SendOpenAiErrorAsync(StatusCodes.Status404NotFound, OpenAiError.ModelNotFound(req.Model), ct);
            return;
        }
        var scenario = Scenarios.Read(HttpContext.Request, ValidationFailures);
        if (ValidationFailed)
        {
            await Send.ErrorsAsync(cancellation: ct);
            return;
        }
        var text = req.LastUserText();
        var stream = req.Stream == true;
        var (reply, cut) = Tokens.Limit(ReplyComposer.ForModel(model.Id, text), req.MaxOutputTokens);
        if (await OpenAiExchange.OpenAsync(HttpContext, db, chat, model, reply, scenario, text, "input", stream) is not var (exchange, admission))
            return;
        using (admission)
        {
            var answer = new Answer(req, "resp_" + Guid.NewGuid().ToString("N"), "msg_" + Guid.NewGuid().ToString("N"),
                time.GetUtcNow().ToUnixTimeSeconds(), model.Id, cut, new ResponseUsage(req.PromptTokens(), Tokens.Count(reply)));
            if (!stream)
            {
                if (await OpenAiExchange.ReplyAsync(HttpContext, chat, exchange, ct))
                    await Send.OkAsync(answer.Finished(reply.Text, time.GetUtcNow().ToUnixTimeSeconds()), ct);
                return;
            }
            if (await OpenAiExchange.StartAsync(HttpContext, chat, exchange) is { } started)
            {
                var events = new Events();
                await EventStreamWriter.WriteAsync(HttpContext, Frames(started, events, answer, reply), events.Error);
            }
        }
    }

    /// <summary>One response as it goes from in progress to finished: completed, or incomplete when cut at max_output_tokens.</summary>
    sealed record Answer(Request Request, string Id, string ItemId, long CreatedAt, string Model, bool Cut, ResponseUsage Usage)
    {
        public Response InProgress() => Snapshot("in_progress", null, null, [], null);

        public OutputMessage Item(string? text) =>
            new(ItemId, text is null ? "in_progress" : Cut ? "incomplete" : "completed", text is null ? [] : [new OutputText(text)]);

        public Response Finished(string text, long at) => Cut
            ? Snapshot("incomplete", null, new IncompleteDetails("max_output_tokens"), [Item(text)], Usage)
            : Snapshot("completed", at, null, [Item(text)], Usage);

        Response Snapshot(string status, long? completedAt, IncompleteDetails? incomplete, IReadOnlyList<OutputMessage> output, ResponseUsage? usage) =>
            new(Id, CreatedAt, status, completedAt, incomplete, Request.Instructions, Request.MaxOutputTokens, Model, output, usage);
    }

    /// <summary>The events of one response; when the reply could not be stored, an <c>error</c> event ends them instead of the done events.</summary>
    async IAsyncEnumerable<SseEvent> Frames(IAsyncEnumerator<ExchangeEvent> exchange, Events events, Answer answer, Reply reply)
    {
        try
        {
            yield return events.OfResponse("response.created", answer.InProgress());
            yield return events.OfResponse("response.in_progress", answer.InProgress());
            yield return events.OfItem("response.output_item.added", answer.Item(null));
            yield return events.OfPart("response.content_part.added", answer.ItemId, new OutputText(""));
            while (await exchange.MoveNextAsync())
            {
                switch (exchange.Current)
                {
                    case ExchangeEvent.ReplyChunk chunk:
                        yield return events.Delta(answer.ItemId, chunk.Text);
                        break;
                    case ExchangeEvent.Failed failed:
                        yield return events.Error(failed.Error);
                        yield break;
                }
            }
            yield return events.TextDone(answer.ItemId, reply.Text);
            yield return events.OfPart("response.content_part.done", answer.ItemId, new OutputText(reply.Text));
            yield return events.OfItem("response.output_item.done", answer.Item(reply.Text));
            var finished = answer.Finished(reply.Text, time.GetUtcNow().ToUnixTimeSeconds());
            yield return events.OfResponse(answer.Cut ? "response.incomplete" : "response.completed", finished);
        }
        finally
        {
            await exchange.DisposeAsync();
        }
    }
}
