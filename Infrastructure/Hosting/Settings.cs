namespace ChatFake.Infrastructure.Hosting;

/// <summary>
/// One setting of the configuration table: the command-line flag (with its value placeholder,
/// none for a switch), the key that environment variables and appsettings.json use, the
/// default as --help shows it, and what it means.
/// </summary>
sealed record Setting(string Flag, string Key, string Default, string Meaning, string? BinaryDefault = null)
{
    public string Name => Flag.Split(' ')[0];

    /// <summary>A switch takes no value: given, it sets its key to 1.</summary>
    public bool IsSwitch => !Flag.Contains(' ');

    public string DefaultHere => BinaryDefault is not null && SingleFileBinary.IsRunning ? BinaryDefault : Default;
}

/// <summary>The configuration table (README, "Configuration"): adding a setting is one row here.</summary>
static class Settings
{
    public static readonly IReadOnlyList<Setting> All =
    [
        new("--port <n>", "PORT", "3000", "HTTP port"),
        // The binary lives in node_modules or /usr/local/bin; its data belongs to the folder it is run in.
        new("--db <path>", "DATABASE_PATH", "./data/chatfake.db", "LiteDB file (created with its folder)",
            BinaryDefault: "./.chatfake/chatfake.db"),
        new("--jwt-secret <text>", "JWT_SECRET", "development secret", "HS256 key; outside Development at least 32 bytes, or ChatFake refuses to start"),
        new("--jwt-expires-in <time>", "JWT_EXPIRES_IN", "7d", "token lifetime: <n>s, <n>m, <n>h or <n>d"),
        new("--delay-scale <x>", "AI_DELAY_SCALE", "1", "multiplies every simulated delay; 0 = no delay"),
        new("--failure-rate <p>", "AI_FAILURE_RATE", "0", "probability (0..1) that one AI attempt fails"),
        new("--timeout-seconds <s>", "AI_TIMEOUT_SECONDS", "30", "per-attempt timeout"),
        new("--max-retries <n>", "AI_MAX_RETRIES", "2", "retries after the first attempt"),
        new("--reply-max-chars <n>", "AI_REPLY_MAX_CHARS", "no cap", "caps composed replies; scripted replies are never cut"),
        new("--replies <path>", "FAKE_REPLIES_PATH", "none", "JSON rules file of scripted replies"),
        new("--seed-demo", "SEED_DEMO", "off", "gives testuser a realistic demo history"),
        new("--dev-routes", "DEV_ROUTES", "off", "serves the reset and fixture routes outside Development"),
        new("--auth-rate-limit <n>", "RATE_LIMIT_AUTH_PER_MINUTE", "20", "register + login attempts per client IP per minute; 0 = off"),
        new("--max-streams <n>", "MAX_STREAMS_PER_USER", "20", "concurrently open streams per user; 0 = no cap"),
        new("--cors-origins <list>", "CORS_ORIGINS", "none", "comma-separated allowed origins outside Development (Development allows any)"),
    ];
}
