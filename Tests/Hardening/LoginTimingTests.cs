using System.Diagnostics;
using System.Net;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// docs/API.md: a wrong email and a wrong password are "the same 401 with the same message and
/// about the same time (no user enumeration)". This is a security property, not a
/// performance budget: without the dummy BCrypt comparison for unknown emails (Passwords),
/// an unknown email answers in about a millisecond and a wrong password after a full BCrypt
/// verification (tens of milliseconds at cost 10), a difference of 90% and more that anyone
/// can measure. The tolerance is deliberately generous (the medians of interleaved attempts
/// may differ by up to half of the slower one) so that a busy machine does not fail it.
/// </summary>
public sealed class LoginTimingTests(App app) : IClassFixture<App>
{
    const int Attempts = 10;

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_401_in_about_the_same_time()
    {
        var user = await app.NewUserAsync();
        var client = app.Anonymous();
        var unknownEmail = new List<double>();
        var wrongPassword = new List<double>();
        string? unknownBody = null, wrongBody = null;

        // One warm-up pair, then interleaved attempts, so that both kinds share the machine's noise.
        for (var i = 0; i <= Attempts; i++)
        {
            var (unknownTime, unknown) = await TimeLoginAsync(client, $"nobody-{Guid.NewGuid():N}@example.com", "secret123");
            var (wrongTime, wrong) = await TimeLoginAsync(client, $"{user.Username}@example.com", "not-the-password");
            if (i == 0) continue;
            unknownEmail.Add(unknownTime);
            wrongPassword.Add(wrongTime);
            unknownBody = unknown;
            wrongBody = wrong;
        }

        Assert.Equal(wrongBody, unknownBody);
        var (unknownMedian, wrongMedian) = (Median(unknownEmail), Median(wrongPassword));
        Assert.True(Math.Abs(unknownMedian - wrongMedian) <= 0.5 * Math.Max(unknownMedian, wrongMedian),
            $"median login time: unknown email {unknownMedian:0.0} ms, wrong password {wrongMedian:0.0} ms");
    }

    static async Task<(double Milliseconds, string Body)> TimeLoginAsync(HttpClient client, string email, string password)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/auth/login", new { email, password });
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var body = await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        return (elapsed, body.ToJsonString());
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
