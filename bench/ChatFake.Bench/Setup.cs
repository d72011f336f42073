namespace ChatFake.Bench;

/// <summary>
/// Creates the users and threads a scenario needs before it is measured. Names carry a tag
/// of this run, so runs against the same database never collide.
/// </summary>
public sealed class Setup(ChatApi api)
{
    // Registering hashes a password with BCrypt: a few at a time keep the server's two cores busy.
    const int Registrations = 4;
    const int Creations = 16;

    readonly string run = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next()))[..6].ToLowerInvariant();

    public async Task<BenchUser[]> RegisterUsersAsync(string purpose, int count, CancellationToken ct)
    {
        var users = new BenchUser[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Limit(Registrations, ct),
            async (i, token) => users[i] = await api.RegisterAsync($"b{run}{purpose}u{i}", token));
        return users;
    }

    /// <summary>One thread per stream; stream i belongs to user i / perUser.</summary>
    public async Task<string[]> CreateThreadsAsync(BenchUser[] users, int count, int perUser,
        Func<BenchUser, int, CancellationToken, Task<string>> create, CancellationToken ct)
    {
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Limit(Creations, ct),
            async (i, token) => ids[i] = await create(users[i / perUser], i, token));
        return ids;
    }

    /// <summary>Runs <paramref name="check"/> for each index, a few at a time.</summary>
    public static Task ForEachAsync(int count, Func<int, CancellationToken, ValueTask> check, CancellationToken ct) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), Limit(Creations, ct), check);

    static ParallelOptions Limit(int parallel, CancellationToken ct) => new() { MaxDegreeOfParallelism = parallel, CancellationToken = ct };
}
