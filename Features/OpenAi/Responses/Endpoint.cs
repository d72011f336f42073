using System.Runtime.CompilerServices;
using ChatFake.FakeModel;
using ChatFake.Infrastructure.Auth;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.OpenAi.Responses;

sealed class Endpoint(ChatDb db, Clock clock, FakeAi ai, StreamSlots slots, TimeProvider time) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/v1/responses");
        Options(x => x.RequireCors(CorsSetup.ProtocolPolicy));
        Summary(s =>
        {
            s.Summary = "OpenAI's Create a model response (Responses API): the fake model answers the last user message";
            s.ExampleRequest = new Request { Model = "gpt-4", Instructions = "Be brief.", Input = System.Text.Json.JsonDocument.Parse("\"Hello!\"").RootElement };
            s.Responses[200] = "A response object; with `stream: true`, text/event-stream of the Responses streaming events";
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (OpenAiModel.FindActive(db, req.Model) is not { } model)
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
        var (exchange, status, error) = Exchange.Open(HttpContext, db, clock, ai, scenario, model, text, "input");
        if (exchange is null)
        {
            await HttpContext.SendOpenAiErrorAsync(status, error!, ct);
            return;
        }
        var stream = req.Stream == true;
        using var admission = await HttpContext.AdmitAsync(ai, slots, User.Id(), scenario, stream, ct);
        if (admission is null) return;
        if (await exchange.CallAsync(text, stream, ct) is { } failure)
        {
            await HttpContext.SendOpenAiErrorAsync(failure.Status, failure.Error, ct);
            return;
        }

        var (reply, cut) = Tokens.Limit(ReplyComposer.ForModel(model.Id, text), req.MaxOutputTokens);
        var answer = new Answer(req, "resp_" + Guid.NewGuid().ToString("N"), "msg_" + Guid.NewGuid().ToString("N"),
            time.GetUtcNow().ToUnixTimeSeconds(), model.Id, cut, new Usage(req.PromptTokens(), Tokens.Count(reply)));
        if (stream)
        {
            var events = new Events();
            await EventStreamWriter.WriteAsync(HttpContext, Frames(exchange, events, answer, reply), events.Error);
            return;
        }
        exchange.Replied(reply);
        await Send.OkAsync(answer.Finished(reply.Text, time.GetUtcNow().ToUnixTimeSeconds()), ct);
    }

    /// <summary>One response as it goes from in progress to finished: completed, or incomplete when cut at max_output_tokens.</summary>
    sealed record Answer(Request Request, string Id, string ItemId, long CreatedAt, string Model, bool Cut, Usage Usage)
    {
        public Response InProgress() => Snapshot("in_progress", null, null, [], null);

        public OutputMessage Item(string? text) =>
            new(ItemId, text is null ? "in_progress" : Cut ? "incomplete" : "completed", text is null ? [] : [new OutputText(text)]);

        public Response Finished(string text, long at) => Cut
            ? Snapshot("incomplete", null, new IncompleteDetails("max_output_tokens"), [Item(text)], Usage)
            : Snapshot("completed", at, null, [Item(text)], Usage);

        Response Snapshot(string status, long? completedAt, IncompleteDetails? incomplete, IReadOnlyList<OutputMessage> output, Usage? usage) =>
            new(Id, CreatedAt, status, completedAt, incomplete, Request.Instructions, Request.MaxOutputTokens, Model, output, usage);
    }

    /// <summary>The events of one response; when the reply could not be stored, an <c>error</c> event ends them instead of the done events.</summary>
    async IAsyncEnumerable<SseEvent> Frames(Exchange exchange, Events events, Answer answer, Reply reply,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        yield return events.OfResponse("response.created", answer.InProgress());
        yield return events.OfResponse("response.in_progress", answer.InProgress());
        yield return events.OfItem("response.output_item.added", answer.Item(null));
        yield return events.OfPart("response.content_part.added", answer.ItemId, new OutputText(""));
        await foreach (var piece in exchange.ChunksAsync(reply, ct))
            yield return events.Delta(answer.ItemId, piece);
        if (exchange.Lost is { } lost)
        {
            yield return events.Error(lost);
            yield break;
        }
        yield return events.TextDone(answer.ItemId, reply.Text);
        yield return events.OfPart("response.content_part.done", answer.ItemId, new OutputText(reply.Text));
        yield return events.OfItem("response.output_item.done", answer.Item(reply.Text));
        var finished = answer.Finished(reply.Text, time.GetUtcNow().ToUnixTimeSeconds());
        yield return events.OfResponse(answer.Cut ? "response.incomplete" : "response.completed", finished);
    }
}
