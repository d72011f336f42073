namespace ChatFake.Tests.Playground;

/// <summary>
/// The system's Chromium (Debian's package: <c>apt-get install chromium</c>), which Playwright
/// drives by executable path: Playwright's own browser download is not used. CHROMIUM_PATH
/// names another binary.
/// </summary>
static class Chromium
{
    public static readonly string? Path = new[]
        {
            Environment.GetEnvironmentVariable("CHROMIUM_PATH"),
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
        }
        .FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
}

/// <summary>A browser test: skipped, saying why, where no Chromium is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
            Skip = "no Chromium found (apt-get install chromium, or set CHROMIUM_PATH): the playground's browser tests did not run";
    }
}
