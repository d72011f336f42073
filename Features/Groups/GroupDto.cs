using System.Text.Json.Serialization;
using ChatFake.Features.Bots;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;
using LiteDB;

namespace ChatFake.Features.Groups;

/// <summary>A group conversation as every group route returns it, its bots in full and sorted by id.</summary>
public sealed record GroupDto(
    string Id,
    string Name,
    [property: JsonPropertyName("owner_id")] string OwnerId,
    IReadOnlyList<BotDto> Bots,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt)
{
    public static GroupDto From(ChatDb db, GroupDoc group) => From(db, [group])[0];

    /// <summary>The groups, in the order given, with their bots read in one query.</summary>
    public static IReadOnlyList<GroupDto> From(ChatDb db, IReadOnlyList<GroupDoc> groups)
    {
        var botIds = groups.SelectMany(g => g.BotIds).Distinct().Select(id => new BsonValue(id)).ToList();
        var bots = botIds.Count == 0
            ? new Dictionary<string, BotDoc>()
            : db.Bots.Find(Query.In("_id", botIds)).ToDictionary(b => b.Id, StringComparer.Ordinal);
        return groups.Select(g => new GroupDto(
            g.Id,
            g.Name,
            g.OwnerId,
            g.BotIds.Where(bots.ContainsKey).Order(StringComparer.Ordinal).Select(id => BotDto.From(bots[id])).ToList(),
            Timestamps.Format(g.CreatedAt),
            Timestamps.Format(g.UpdatedAt))).ToList();
    }
}
