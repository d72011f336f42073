using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatFake.Infrastructure.Auth;

/// <summary>
/// JwtBearer's token handler, remembering the tokens it found valid: a client sends the same
/// token with every request, and checking its signature and claims again was most of the cost
/// of a cheap route (profile of <c>GET /api/models</c>, bench/RESULTS.md). A remembered token is
/// still refused once it expires, judged by the app's TimeProvider as at its first check.
/// </summary>
sealed class ValidatedTokens(TimeProvider time) : TokenHandler
{
    // Past this many distinct tokens the memory starts over: it only has to hold the live ones.
    const int MostRemembered = 10_000;

    readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    readonly ConcurrentDictionary<string, TokenValidationResult> valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (valid.TryGetValue(token, out var known))
        {
            if (known.SecurityToken.ValidTo > time.GetUtcNow().UtcDateTime) return known;
            valid.TryRemove(token, out _);
        }
        var result = await handler.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            if (valid.Count >= MostRemembered) valid.Clear();
            valid[token] = result;
        }
        return result;
    }
}
