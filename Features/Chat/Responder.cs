using ChatFake.FakeModel;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Chat;

/// <summary>
/// One who answers in an exchange: a model (personal conversations, protocol routes) or a
/// bot (groups), with the reply it will give, composed up front so that a caller can cut it
/// (a protocol's token limit) before it is streamed.
/// </summary>
public sealed record Responder(string Id, string Name, string? ModelId, Reply Reply, Pacing Pacing, bool NamedInFailures)
{
    /// <summary>A model: its replies carry its id as <c>model_id</c>.</summary>
    public static Responder Model(string id, string name, Reply reply) => new(id, name, id, reply, Pacing.Model, NamedInFailures: false);

    /// <summary>A bot of a group: its failure names it, since several answer in turn.</summary>
    public static Responder Bot(BotDoc bot, Reply reply) => new(bot.Id, bot.Name, null, reply, Pacing.Bot, NamedInFailures: true);

    /// <summary>How a failure of this responder reads.</summary>
    public string Failure(string error) => NamedInFailures ? $"{Name}: {error}" : error;
}
