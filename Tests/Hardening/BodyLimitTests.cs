using System.Net;
using System.Text;
using System.Text.Json;

namespace ChatFake.Tests.Hardening;

/// <summary>
/// docs/API.md: a body over 1 MB is a 413 in the envelope, never a 500, whether it declares its
/// length or comes chunked; nothing of it is stored. Checked on the TestServer (where the app
/// caps the body itself) and on Kestrel (which enforces its MaxRequestBodySize).
/// </summary>
public sealed class BodyLimitTests(App app, AppProcess kestrel) : IClassFixture<App>, IClassFixture<AppProcess>
{
    const int Limit = 1024 * 1024;

    public static TheoryData<string, int, bool, HttpStatusCode> Cases => new()
    {
        { "TestServer", Limit, false, HttpStatusCode.Created },
        { "TestServer", Limit + 1, false, HttpStatusCode.RequestEntityTooLarge },
        { "TestServer", Limit, true, HttpStatusCode.Created },
        { "TestServer", Limit + 1, true, HttpStatusCode.RequestEntityTooLarge },
        { "TestServer", 5 * Limit, false, HttpStatusCode.RequestEntityTooLarge },
        { "TestServer", 5 * Limit, true, HttpStatusCode.RequestEntityTooLarge },
        { "Kestrel", Limit, false, HttpStatusCode.Created },
        { "Kestrel", Limit + 1, false, HttpStatusCode.RequestEntityTooLarge },
        { "Kestrel", Limit, true, HttpStatusCode.Created },
        { "Kestrel", Limit + 1, true, HttpStatusCode.RequestEntityTooLarge },
        { "Kestrel", 5 * Limit, false, HttpStatusCode.RequestEntityTooLarge },
        { "Kestrel", 5 * Limit, true, HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_registration_body_of_exactly_1_MB_is_accepted_and_a_byte_more_is_413(string server, int size, bool chunked, HttpStatusCode expected)
    {
        var client = server == "Kestrel" ? kestrel.Client : app.Anonymous();
        var name = "big" + Guid.NewGuid().ToString("N")[..10];
        var json = PaddedRegistration(name, size);
        Assert.Equal(size, Encoding.UTF8.GetByteCount(json));

        HttpContent content = chunked ? new ChunkedContent(Encoding.UTF8.GetBytes(json)) : new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new("application/json");
        Assert.Equal(chunked, content.Headers.ContentLength is null);
        var response = await client.PostAsync("/api/auth/register", content);

        if (expected == HttpStatusCode.Created)
        {
            await response.AssertDataAsync(HttpStatusCode.Created);
            return;
        }
        var body = await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Request body too large", (string?)body["error"]);
        // Nothing of the rejected body was stored: the same registration, small, is accepted.
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/auth/register",
            new { username = name, email = $"{name}@example.com", password = "secret123" })).AssertDataAsync(HttpStatusCode.Created);
    }

    /// <summary>A body of unknown length, which HttpClient sends with Transfer-Encoding: chunked.</summary>
    sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A valid registration, padded with insignificant whitespace to exactly <paramref name="size"/> bytes.</summary>
    static string PaddedRegistration(string name, int size)
    {
        var json = JsonSerializer.Serialize(new { username = name, email = $"{name}@example.com", password = "secret123" });
        return json[..^1] + new string(' ', size - json.Length) + "}";
    }
}
