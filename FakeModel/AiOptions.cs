using Microsoft.Extensions.Configuration;

namespace ChatFake.FakeModel;

/// <summary>How the fake model behaves (docs/API.md, "Settings").</summary>
public sealed class AiOptions
{
    [ConfigurationKeyName("AI_DELAY_SCALE")]
    public double DelayScale { get; set; } = 1;

    [ConfigurationKeyName("AI_FAILURE_RATE")]
    public double FailureRate { get; set; }

    [ConfigurationKeyName("AI_TIMEOUT_SECONDS")]
    public double TimeoutSeconds { get; set; } = 30;

    [ConfigurationKeyName("AI_MAX_RETRIES")]
    public int MaxRetries { get; set; } = 2;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    // The upper bounds keep every computed wait (latency x scale x 5, backoff 100 ms x 2^9)
    // far inside what Task.Delay accepts; nobody needs more to simulate a slow model.
    public IEnumerable<string> Validate()
    {
        if (!(DelayScale >= 0 && DelayScale <= 1000))
            yield return $"AI_DELAY_SCALE must be between 0 and 1000 (got {DelayScale})";
        if (!(FailureRate >= 0 && FailureRate <= 1))
            yield return $"AI_FAILURE_RATE must be between 0 and 1 (got {FailureRate})";
        if (!(TimeoutSeconds > 0 && TimeoutSeconds <= 86400))
            yield return $"AI_TIMEOUT_SECONDS must be more than 0 and at most 86400 (got {TimeoutSeconds})";
        if (MaxRetries is < 0 or > 10)
            yield return $"AI_MAX_RETRIES must be between 0 and 10 (got {MaxRetries})";
    }
}
