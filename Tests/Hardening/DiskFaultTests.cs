using System.Net;
using System.Net.Http.Json;
using ChatFake.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// A full disk injected beneath LiteDB (<see cref="FullDisk"/>), at several points of each
/// operation that writes: the first page write of its commit, one in the middle, the last
/// (for a send or a stream, that is its reply's commit). The operation is not acknowledged,
/// every later request that needs the database answers 503 with the reason at once (a lock
/// left behind would hold it for LiteDB's one-minute timeout, beyond the client's 10 s), and a
/// restart on the same file has every acknowledged write and nothing half-written.
/// </summary>
public sealed class DiskFaultTests
{
    public static TheoryData<DiskOperation, int> FillPoints()
    {
        var points = new TheoryData<DiskOperation, int>();
        foreach (var operation in Enum.GetValues<DiskOperation>())
            foreach (var eighth in new[] { 0, 4, 7 })
                points.Add(operation, eighth);
        return points;
    }

    [Theory]
    [MemberData(nameof(FillPoints))]
    public async Task A_full_disk_refuses_the_write_it_hits_and_every_later_one_and_a_restart_keeps_what_was_acknowledged(
        DiskOperation operation, int eighth)
    {
        using var app = new App();
        var disk = new FullDisk();
        Acknowledged writes;
        using (var faulty = Faulty(app, disk))
        {
            writes = await Acknowledged.RegisterAsync(Client(faulty));
            for (var i = 0; i < 6; i++)
            {
                Assert.Null(await writes.CreateConversationAsync());
                Assert.Null(await writes.SendAsync(writes.Conversations.Last()));
            }

            // The fill point: a share of the page writes that one such operation takes.
            var before = disk.Writes;
            Assert.Null(await writes.RunAsync(operation));
            var pages = disk.Writes - before;
            disk.FullAfter(pages * eighth / 8);

            Refusal? refused = null;
            for (var attempt = 0; attempt < 3 && refused is null; attempt++)
                refused = await writes.RunAsync(operation);
            Assert.NotNull(refused);
            refused.AssertDiskFailure();

            foreach (var later in Enum.GetValues<DiskOperation>())
                (await writes.RunAsync(later))!.AssertDiskFailure();
            await AssertDiskFailureAsync(await writes.Http.GetAsync("/api/conversations"));
            await AssertDiskFailureAsync(await writes.Http.GetAsync("/api/auth/me"));
            await AssertDiskFailureAsync(await Client(faulty).PostAsJsonAsync("/api/auth/register",
                new { username = "late" + Guid.NewGuid().ToString("N")[..8], email = $"{Guid.NewGuid():N}@example.com", password = "secret123" }));
            await AssertDiskFailureAsync(await Client(faulty).GetAsync("/health"));
        }

        // Restarted on the same file, with space.
        await (await app.Anonymous().GetAsync("/health")).AssertDataAsync();
        var restarted = app.CreateClient();
        await writes.AssertStoredAsync(restarted);
        Acknowledged.AssertNoOrphans(app.Services.GetRequiredService<ChatDb>());
        await (await restarted.PostAsJsonAsync("/api/conversations", new { title = "after" })).AssertDataAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Writers_in_flight_when_the_disk_fills_are_answered_at_once_not_held_by_the_failed_write()
    {
        using var app = new App();
        var disk = new FullDisk();
        var users = new List<Acknowledged>();
        using (var faulty = Faulty(app, disk))
        {
            for (var i = 0; i < 8; i++)
            {
                var user = await Acknowledged.RegisterAsync(Client(faulty));
                Assert.Null(await user.CreateConversationAsync());
                users.Add(user);
            }

            // Eight users send at once, all into the messages collection, until the disk is full
            // under them: whoever waited for the collection's write lock when a write failed gets
            // it and an answer, as fast as it would without the fault.
            disk.FullAfter(40);
            var outcomes = await Task.WhenAll(users.Select(user => Task.Run(async () =>
            {
                Refusal? refused = null;
                while (refused is null) refused = await user.SendAsync(user.Conversations.First());
                return refused;
            })));
            Assert.All(outcomes, refused => refused.AssertDiskFailure());
        }

        var restarted = app.CreateClient();
        foreach (var user in users) await user.AssertStoredAsync(restarted);
        Acknowledged.AssertNoOrphans(app.Services.GetRequiredService<ChatDb>());
    }

    static WebApplicationFactory<Program> Faulty(App app, FullDisk disk) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton(
            provider => new ChatDb(provider.GetRequiredService<IOptions<DatabaseOptions>>(),
                provider.GetRequiredService<ILogger<ChatDb>>(), disk.Wrap))));

    static async Task AssertDiskFailureAsync(HttpResponseMessage response)
    {
        var body = await response.AssertErrorAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(DatabaseUnavailableException.Reason, (string?)body["error"]);
    }

    // A request held by a lock would outlast this; none should come near it.
    static HttpClient Client(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        return client;
    }
}
