using Microsoft.Extensions.Options;

namespace ChatFake.Tests.FakeModel;

public sealed class AiOptionsTests
{
    [Theory]
    [InlineData("AI_DELAY_SCALE", "-1")]
    [InlineData("AI_FAILURE_RATE", "1.5")]
    [InlineData("AI_TIMEOUT_SECONDS", "0")]
    [InlineData("AI_MAX_RETRIES", "-1")]
    public void An_out_of_range_setting_stops_the_app_at_start_up(string key, string value)
    {
        using var app = App.With(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(key, error.Message);
    }
}
