using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatFake.Infrastructure.Auth;

/// <summary>Issues the HS256 bearer tokens that JwtBearer validates (see AuthSetup).</summary>
public sealed class TokenService(IOptions<JwtOptions> options, TimeProvider time)
{
    readonly JsonWebTokenHandler handler = new();

    public string Issue(string userId, string username)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId), new Claim("username", username)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.Lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.Value.SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
