using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Data;

namespace ChatFake.Features.Bots;

/// <summary>A preset bot, as GET /api/bots and a group's <c>bots</c> show it.</summary>
public sealed record BotDto(
    string Id,
    string Name,
    string Personality,
    string Description,
    [property: JsonPropertyName("response_tendency")] string ResponseTendency)
{
    public static BotDto From(BotDoc b) => new(b.Id, b.Name, b.Personality, b.Description, b.ResponseTendency);
}
