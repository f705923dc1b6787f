using System.Net;
using System.Net.Http.Headers;

namespace MassGen.Cli.Runs.Wire;

/// <summary>
/// The only transport under the wire rehearsal's clients: answers the k-th request with the k-th canned stream, in
/// memory, and any further request with a 400 (not retried). The answer and every event arrive asynchronously, one
/// event per read, as from a socket: a stream that is already complete would take the parsers' synchronous shortcuts
/// and leave cold the code a real answer runs (every await that really waits).
/// </summary>
internal sealed class CannedWireHandler(IReadOnlyList<IReadOnlyList<SseEvent>> answers) : HttpMessageHandler
{
    private int _requests;

    /// <summary>The requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var index = Interlocked.Increment(ref _requests) - 1;
        if (index >= answers.Count)
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { RequestMessage = request, Content = new StringContent("""{"error":{"message":"the rehearsal has no more answers"}}""") };
        }

        var content = new StreamContent(new TrickleStream(answers[index]));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" };
        return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content };
    }

    /// <summary>A read-only stream giving one event per read, each after a yield.</summary>
    private sealed class TrickleStream(IReadOnlyList<SseEvent> events) : Stream
    {
        private int _next;
        private byte[] _pending = [];
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            return ReadNow(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadNow(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int ReadNow(Span<byte> buffer)
        {
            if (_offset == _pending.Length)
            {
                if (_next == events.Count)
                {
                    return 0;
                }

                _pending = events[_next++].ToBytes();
                _offset = 0;
            }

            var count = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsSpan(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }
    }
}
