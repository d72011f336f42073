using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ChatFake.Infrastructure.Auth;

public static class CurrentUser
{
    /// <summary>The authenticated user's id (the token's <c>sub</c>).</summary>
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? throw new InvalidOperationException("no authenticated user");

    public static string Username(this ClaimsPrincipal user) => user.FindFirstValue("username") ?? "";
}
