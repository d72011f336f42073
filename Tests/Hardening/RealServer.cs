namespace ChatFake.Tests.Hardening;

/// <summary>A class fixture: one app process on Kestrel, with its own temp database, for the
/// checks that the TestServer cannot make (Kestrel's headers and limits).</summary>
public sealed class RealServer : IAsyncLifetime
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "chatfake-tests", "kestrel-" + Guid.NewGuid().ToString("N"));
    AppProcess? app;

    public AppProcess App => app ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => app = await AppProcess.StartHealthyAsync(Path.Combine(directory, "chatfake.db"));

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
