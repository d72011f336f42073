using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using ChatFake.Infrastructure.Data;
using ChatFake.Tests.Messages;

namespace ChatFake.Tests.Hardening;

/// <summary>Writes queued behind a running write share one commit (ChatDb.Writer.cs); one of
/// them throwing must cost nothing to the others, and leave nothing of itself.</summary>
public sealed class GroupCommitTests(App app) : IClassFixture<App>
{
    [Fact]
    public async Task A_write_that_throws_takes_no_queued_write_down_and_leaves_nothing()
    {
        var db = app.Db();
        var prefix = Guid.NewGuid().ToString("N");
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // The first write holds the writer until every other write is queued, so that those are
        // committed together, in one transaction.
        var first = Task.Run(() => db.InTransactionAsync(() =>
        {
            running.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return db.Counts.Insert(new CountDoc { Id = $"{prefix}|first", Count = 1 });
        }));
        running.Wait(TimeSpan.FromSeconds(30));

        var committed = new ConcurrentBag<int>();
        var writes = Enumerable.Range(0, 40).Select(i => db.InTransactionAsync(() =>
        {
            db.Counts.Insert(new CountDoc { Id = $"{prefix}|{i}", Count = i });
            db.AfterCommit(() => committed.Add(i));
            if (i % 4 == 0) throw new InvalidOperationException($"write {i} refused");
            return i;
        })).ToList();
        release.Set();
        await first;

        for (var i = 0; i < writes.Count; i++)
        {
            if (i % 4 == 0)
                Assert.Equal($"write {i} refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => writes[i])).Message);
            else
                Assert.Equal(i, await writes[i]);
        }
        var kept = Enumerable.Range(0, 40).Where(i => i % 4 != 0).ToList();
        var stored = db.Counts.FindAll().Where(c => c.Id.StartsWith($"{prefix}|") && c.Id != $"{prefix}|first").Select(c => c.Count).Order();
        Assert.Equal(kept, stored);
        Assert.Equal(kept, committed.Order());
    }

    [Fact]
    public async Task Registrations_racing_for_the_same_names_create_each_user_once()
    {
        var names = Enumerable.Range(0, 8).Select(_ => "gc" + Guid.NewGuid().ToString("N")[..12]).ToList();
        using var http = app.Anonymous();

        // Three registrations of each name at once: they pass the existence checks together and
        // meet in the writer, where the unique indexes refuse all but one of each.
        var responses = await Task.WhenAll(names.SelectMany(name => Enumerable.Range(0, 3).Select(_ =>
            http.PostAsJsonAsync("/api/auth/register", new { username = name, email = $"{name}@example.com", password = "secret123" }))));

        Assert.Equal(names.Count, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(2 * names.Count, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.All(names, name => Assert.Equal(1, app.Db().Users.Count(u => u.UsernameKey == name)));
    }
}
