using System.Text.Json.Serialization;
using ChatFake.Infrastructure.Data;
using ChatFake.Infrastructure.Http;

namespace ChatFake.Features.Auth;

/// <summary>A user as every auth route returns it: never the password or its hash.</summary>
public sealed record UserDto(
    string Id,
    string Username,
    string Email,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt)
{
    public static UserDto From(UserDoc user) =>
        new(user.Id, user.Username, user.Email, Timestamps.Format(user.CreatedAt), Timestamps.Format(user.UpdatedAt));
}

/// <summary>What register and login answer: a bearer token and its user.</summary>
public sealed record AuthResult(string Token, UserDto User);
