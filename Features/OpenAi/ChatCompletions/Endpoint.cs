using ChatFake.FakeModel;
using ChatFake.Features.Chat;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Streaming;

namespace ChatFake.Features.OpenAi.ChatCompletions;

sealed class Endpoint(ChatDb db, ModelCatalog catalog, ChatExchange chat, TimeProvider time) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/v1/chat/completions");
        Group<Area>();
        Metadata(new ReadsScenarioHeader());
        Summary(s =>
        {
            OpenAiDocs.Errors(s, callsModel: true);
            s.Summary = "OpenAI's Create chat completion: the fake model answers the last user message";
            s.ExampleRequest = new
            {
                model = "gpt-4",
                messages = new[] { new { role = "system", content = "Be brief." }, new { role = "user", content = "Hello!" } },
                stream = false,
            };
            s.ResponseExamples[200] = new Response("chatcmpl-5f0c2a9e8d7b4c1e9a3f6b2d0e4c8a17", "chat.completion", 1764576000, "gpt-4",
                [new Choice(0, new AssistantMessage("assistant", "[gpt-4] Hi! Happy to help.", null, []), null, "stop")],
                CompletionUsage.Of(6, 21), "default");
            s.Responses[200] = "A chat.completion object; with `stream: true`, text/event-stream of chat.completion.chunk `data:` lines, then `data: [DONE]`: the first chunk's delta is `{\"role\":\"assistant\",\"content\":\"\"}`, then one chunk per piece of the reply, a chunk with `finish_reason`, a chunk with `choices: []` and `usage` when `stream_options.include_usage`";
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
        var (reply, cut) = Tokens.Limit(ReplyComposer.ForModel(model.Id, text), req.TokenLimit());
        if (await OpenAiExchange.OpenAsync(HttpContext, db, chat, model, reply, scenario, text, "messages", stream) is not var (exchange, admission))
            return;
        using (admission)
        {
            var completion = new Completion("chatcmpl-" + Guid.NewGuid().ToString("N"), time.GetUtcNow().ToUnixTimeSeconds(), model.Id,
                cut ? "length" : "stop", CompletionUsage.Of(req.PromptTokens(), Tokens.Count(reply)));
            if (!stream)
            {
                if (await OpenAiExchange.ReplyAsync(HttpContext, chat, exchange, ct))
                    await Send.OkAsync(new Response(completion.Id, "chat.completion", completion.Created, completion.Model,
                        [new Choice(0, new AssistantMessage("assistant", reply.Text, null, []), null, completion.FinishReason)],
                        completion.Usage, "default"), ct);
                return;
            }
            if (await OpenAiExchange.StartAsync(HttpContext, chat, exchange) is { } events)
                await EventStreamWriter.WriteAsync(HttpContext, Frames(events, completion, req.StreamOptions?.IncludeUsage == true), ErrorFrame);
        }
    }

    /// <summary>What every chunk of one completion repeats, and how it ends.</summary>
    sealed record Completion(string Id, long Created, string Model, string FinishReason, CompletionUsage Usage)
    {
        public SseEvent Chunk(Delta delta, string? finishReason = null) =>
            new(null, new Chunk(Id, "chat.completion.chunk", Created, Model, [new ChunkChoice(0, delta, null, finishReason)]));
    }

    /// <summary>The role, one chunk per piece of the reply as the model paces it, the finish
    /// reason, the usage if asked for, then <c>[DONE]</c>; or, when the reply could not be
    /// stored, a last <c>data:</c> line with an error instead of the finish.</summary>
    static async IAsyncEnumerable<SseEvent> Frames(IAsyncEnumerator<ExchangeEvent> events, Completion completion, bool includeUsage)
    {
        try
        {
            yield return completion.Chunk(new Delta("assistant", ""));
            while (await events.MoveNextAsync())
            {
                switch (events.Current)
                {
                    case ExchangeEvent.ReplyChunk chunk:
                        yield return completion.Chunk(new Delta(Content: chunk.Text));
                        break;
                    case ExchangeEvent.Failed failed:
                        yield return new(null, OpenAiError.Of(StatusCodes.Status404NotFound, failed.Error, OpenAiExchange.ConversationHeader));
                        yield break;
                }
            }
            yield return completion.Chunk(new Delta(), completion.FinishReason);
            if (includeUsage)
                yield return new(null, new Chunk(completion.Id, "chat.completion.chunk", completion.Created, completion.Model, [], completion.Usage));
            yield return new(null, "[DONE]");
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    /// <summary>An error after the stream started: a last <c>data:</c> line with OpenAI's error object.</summary>
    static SseEvent ErrorFrame(string message) => new(null, OpenAiError.Of(StatusCodes.Status500InternalServerError, message));
}
