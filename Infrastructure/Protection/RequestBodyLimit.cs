using Microsoft.AspNetCore.Http.Features;

namespace ChatFake.Infrastructure.Protection;

/// <summary>
/// Request bodies are capped at 1 MB (docs/API.md: 413), on every server: a body with a larger
/// Content-Length fails at its first read, a chunked one as soon as it passes the cap. The
/// read throws BadHttpRequestException(413), which ErrorResponses answers with the envelope.
/// </summary>
/// <remarks>
/// Kestrel's own MaxRequestBodySize is not the 1 MB cap but a ceiling above it: when Kestrel
/// rejects a body itself it closes the connection without reading the rest, so a client still
/// sending (HttpClient, fetch) sees a broken pipe instead of the 413. Rejected here, the
/// request ends normally and Kestrel drains the rest of the body, up to that ceiling, so the
/// client gets to read its 413 envelope.
/// </remarks>
public static class RequestBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Kestrel's MaxRequestBodySize: bodies up to this size still get a readable 413.</summary>
    public const long DrainCeiling = 16 * MaxBytes;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        // Kestrel knows when a request has no body (most GETs): nothing to cap, nothing to wrap.
        if (ctx.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return next(ctx);
        ctx.Request.Body = new CappedStream(ctx.Request.Body, ctx.Request.ContentLength);
        return next(ctx);
    });

    sealed class CappedStream(Stream inner, long? declaredLength) : Stream
    {
        long read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        int Count(int bytes)
        {
            read += bytes;
            if (declaredLength > MaxBytes || read > MaxBytes)
                throw new BadHttpRequestException($"Request body larger than {MaxBytes} bytes", StatusCodes.Status413PayloadTooLarge);
            return bytes;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
