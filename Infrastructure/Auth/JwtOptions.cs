using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ChatFake.Infrastructure.Auth;

public sealed partial class JwtOptions
{
    // Good enough for a laptop, refused anywhere else (see Validate).
    public const string DevelopmentSecret = "chatfake-development-secret-do-not-use-in-production";

    [ConfigurationKeyName("JWT_SECRET")]
    public string? Secret { get; set; }

    [ConfigurationKeyName("JWT_EXPIRES_IN")]
    public string ExpiresIn { get; set; } = "7d";

    public TimeSpan Lifetime => TryParseLifetime(ExpiresIn, out var lifetime)
        ? lifetime
        : throw new InvalidOperationException($"JWT_EXPIRES_IN '{ExpiresIn}' is not <n>s, <n>m, <n>h or <n>d");

    public string EffectiveSecret => string.IsNullOrEmpty(Secret) ? DevelopmentSecret : Secret;

    /// <summary>HS256 signing key. IdentityModel needs 256 bits, so a short development
    /// secret is stretched with SHA-256; production secrets are at least 32 bytes already.</summary>
    public byte[] SigningKey
    {
        get
        {
            var bytes = Encoding.UTF8.GetBytes(EffectiveSecret);
            return bytes.Length >= 32 ? bytes : System.Security.Cryptography.SHA256.HashData(bytes);
        }
    }

    public IEnumerable<string> Validate(bool isDevelopment)
    {
        if (!TryParseLifetime(ExpiresIn, out _))
            yield return $"JWT_EXPIRES_IN '{ExpiresIn}' must be <n>s, <n>m, <n>h or <n>d with n > 0";
        if (!isDevelopment && Encoding.UTF8.GetByteCount(Secret ?? "") < 32)
            yield return "JWT_SECRET must be set to at least 32 bytes outside Development";
    }

    static bool TryParseLifetime(string value, out TimeSpan lifetime)
    {
        lifetime = default;
        var match = LifetimePattern().Match(value.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var n) || n <= 0)
            return false;
        lifetime = match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
        return lifetime < TimeSpan.FromDays(3650);
    }

    [GeneratedRegex("^([0-9]{1,9})([smhd])$")]
    private static partial Regex LifetimePattern();
}
