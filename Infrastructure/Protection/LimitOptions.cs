using Microsoft.Extensions.Configuration;

namespace ChatFake.Infrastructure.Protection;

/// <summary>The abuse limits of docs/API.md, "Settings"; 0 switches a limit off.</summary>
public sealed class LimitOptions
{
    [ConfigurationKeyName("RATE_LIMIT_AUTH_PER_MINUTE")]
    public int AuthAttemptsPerMinute { get; set; } = 20;

    [ConfigurationKeyName("MAX_STREAMS_PER_USER")]
    public int MaxStreamsPerUser { get; set; } = 20;
}
