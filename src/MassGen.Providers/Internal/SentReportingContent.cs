using System.Net;

namespace MassGen.Providers.Internal;

/// <summary>
/// A request body that reports when it has been written to the connection: the headers are already out, and the
/// connection only flushes what it buffered.
/// </summary>
internal sealed class SentReportingContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Action _sent;

    public SentReportingContent(HttpContent inner, Action sent)
    {
        _inner = inner;
        _sent = sent;
        foreach (var (name, values) in inner.Headers)
        {
            Headers.TryAddWithoutValidation(name, values);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await _inner.CopyToAsync(stream, context, cancellationToken).ConfigureAwait(false);
        _sent();
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _inner.CopyTo(stream, context, cancellationToken);
        _sent();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
