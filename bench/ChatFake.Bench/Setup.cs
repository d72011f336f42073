namespace ChatFake.Bench;

/// <summary>
/// Creates the users and threads a scenario needs before it is measured. Names carry a tag
/// of this run, so runs against the same database never collide.
/// </summary>
public sealed class Setup(Connections connections)
{
    // Registering hashes a password with BCrypt: a few at a time keep the server's two cores busy.
    const int Registrations = 4;
    public const string Password = "bench-password";
    const int Creations = 16;

    readonly string run = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next()))[..6].ToLowerInvariant();

    public async Task<BenchUser[]> RegisterUsersAsync(string purpose, int count, CancellationToken ct)
    {
        var users = new BenchUser[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Limit(Registrations, ct),
            async (i, token) => users[i] = await RegisterAsync($"b{run}{purpose}u{i}", token));
        return users;
    }

    public async Task<BenchUser> RegisterAsync(string username, CancellationToken ct)
    {
        var registered = await connections.Anonymous().AuthRegisterAsync(
            new() { Username = username, Email = $"{username}@bench.test", Password = Password }, ct);
        return connections.User(username, registered.Data.Token);
    }

    public async Task<BenchUser> LoginAsync(string email, string password, CancellationToken ct)
    {
        var login = await connections.Anonymous().AuthLoginAsync(new() { Email = email, Password = password }, ct);
        return connections.User(login.Data.User.Username, login.Data.Token);
    }

    public static async Task<string> CreateConversationAsync(BenchUser user, string title, CancellationToken ct) =>
        (await user.Api.ConversationsCreateAsync(new() { Title = title }, ct)).Data.Id;

    public static async Task<string> CreateGroupAsync(BenchUser user, string name, string[] botIds, CancellationToken ct) =>
        (await user.Api.GroupsCreateAsync(new() { Name = name, BotIds = botIds }, ct)).Data.Id;

    /// <summary>The contents of the first page of a thread's messages (up to 100), oldest first.</summary>
    public static async Task<string[]> ListMessagesAsync(BenchUser user, StreamKind kind, string id, CancellationToken ct)
    {
        var page = kind == StreamKind.Group
            ? await user.Api.GroupsMessagesListAsync(id, null, 100, ct)
            : await user.Api.MessagesListAsync(id, null, 100, ct);
        return page.Data.Select(m => m.Content).ToArray();
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
