namespace ChatFake.Tests;

public static class Poll
{
    /// <summary>
    /// Asks <paramref name="probe"/> until it returns a value, for things another process or
    /// thread finishes on its own schedule (a real server reacting to a disconnect). The bound
    /// only turns "never" into a failure.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await probe() is { } value) return value;
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting for {what}");
            await Task.Delay(25);
        }
    }
}
