using System.Text;
using Wenjiu.Platform.Exports;

namespace Wenjiu.Tests.Exports;

public sealed class CsvWriterTests
{
    [Fact]
    public async Task A_long_export_never_writes_synchronously_to_its_stream()
    {
        // A web response refuses synchronous writes; an export longer than the writer's buffer must flush asynchronously.
        await using var output = new AsyncOnlyStream();
        await using (var csv = new CsvWriter(output))
        {
            for (var i = 0; i < 20_000; i++)
            {
                await csv.Text($"北京第{i}号有限公司").Number(i).Number(-12.5m, "0.00").EndLineAsync();
            }
        }

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(20_000, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("北京第19999号有限公司,19999,-12.50\r\n", text, StringComparison.Ordinal);
    }

    private sealed class AsyncOnlyStream : MemoryStream
    {
        private bool writingAsynchronously;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!writingAsynchronously)
            {
                throw new InvalidOperationException("Synchronous operations are disallowed.");
            }

            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!writingAsynchronously)
            {
                throw new InvalidOperationException("Synchronous operations are disallowed.");
            }

            base.Write(buffer);
        }

        public override void Flush() =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            writingAsynchronously = true;
            try
            {
                Write(buffer.Span);
            }
            finally
            {
                writingAsynchronously = false;
            }

            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
