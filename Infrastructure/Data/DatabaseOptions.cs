using Microsoft.Extensions.Configuration;

namespace ChatFake.Infrastructure.Data;

public sealed class DatabaseOptions
{
    [ConfigurationKeyName("DATABASE_PATH")]
    public string Path { get; set; } = "./data/chatfake.db";

    /// <summary>"1" (or "true") gives testuser the <see cref="DemoData"/> history, at start-up and
    /// after a reset.</summary>
    [ConfigurationKeyName("SEED_DEMO")]
    public string? SeedDemoSwitch { get; set; }

    public bool SeedDemo => SeedDemoSwitch?.Trim().ToLowerInvariant() is "1" or "true";
}
