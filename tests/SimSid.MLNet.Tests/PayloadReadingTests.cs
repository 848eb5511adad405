using SimSid.MLNet.Training;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using SimSid.MLNet.Modeling;
using SimSid.MLNet.Persistence;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;

namespace SimSid.MLNet.Tests;

/// <summary>How the model zip's payload entry is read: opened and decompressed once, verified before the backend reads it.</summary>
public sealed class PayloadReadingTests
{
    private readonly IHost _host = ((IHostEnvironment)new MLContext(seed: 1)).Register(nameof(PayloadReadingTests));
    private readonly MeanImageModel _model = new(Enumerable.Range(0, TestImages.PixelCount).Select(i => (i % 7) / 7f).ToArray(), TestImages.Side, threshold: 0.3f);

    /// <summary>Loads models like <see cref="MeanImageBackend"/> and counts how often it is asked to.</summary>
    private sealed class CountingBackend : ISimSidModelBackend
    {
        public string Id => MeanImageBackend.RegisteredId;

        public int Loads { get; private set; }

        public ISimSidModel Train(SimSidOptions options, TrainingRows rows,
            IProgress<SimSidTrainingProgress>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ISimSidModel Load(Stream source)
        {
            Loads++;
            return MeanImageModel.Load(source);
        }
    }

    /// <summary>A read-only pass-through that counts the bytes read from it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The payload entry as a zip stores it, and a way to open it that counts opens and compressed bytes read.</summary>
    private sealed class CompressedEntry
    {
        private readonly byte[] _compressed;

        public CompressedEntry(byte[] payload)
        {
            using var memory = new MemoryStream();
            using (var deflate = new DeflateStream(memory, CompressionLevel.Optimal, leaveOpen: true))
                deflate.Write(payload);
            _compressed = memory.ToArray();
        }

        public int CompressedLength => _compressed.Length;

        public int Opens { get; private set; }

        public long CompressedBytesRead { get; private set; }

        public bool Open(Action<Stream> read)
        {
            Opens++;
            var counting = new CountingStream(new MemoryStream(_compressed));
            using (var inflate = new DeflateStream(counting, CompressionMode.Decompress))
                read(inflate);
            CompressedBytesRead += counting.BytesRead;
            return true;
        }
    }

    private byte[] Payload()
    {
        using var memory = new MemoryStream();
        _model.Save(memory);
        return memory.ToArray();
    }

    [Fact]
    public void Payload_IsOpenedAndDecompressedOnce_ThenLoadedByTheBackend()
    {
        var payload = Payload();
        var entry = new CompressedEntry(payload);
        var backend = new CountingBackend();

        using var loaded = SimSidModelFormat.ReadPayload(_host, entry.Open, payload.Length, SHA256.HashData(payload), backend);

        Assert.Equal(1, entry.Opens);
        Assert.Equal(entry.CompressedLength, entry.CompressedBytesRead);
        Assert.Equal(1, backend.Loads);
        var image = TestImages.Rows(normal: 1, anomalous: 0)[0].Pixels;
        Assert.Equal(_model.ScoreOf(image), loaded.Score([image], withReconstructions: false).Scores[0]);
        Assert.Equal(_model.Threshold, loaded.Threshold);
    }

    [Fact]
    public void Payload_AlreadyExtractedByML_NET_IsOpenedOnce_AndRewoundForTheBackend()
    {
        // ML.NET hands an entry over extracted, as a seekable memory or temporary-file stream.
        var payload = Payload();
        int opens = 0;
        var backend = new CountingBackend();

        using var loaded = SimSidModelFormat.ReadPayload(_host, read =>
        {
            opens++;
            read(new MemoryStream(payload, writable: false));
            return true;
        }, payload.Length, SHA256.HashData(payload), backend);

        Assert.Equal(1, opens);
        Assert.Equal(1, backend.Loads);
        using var saved = new MemoryStream();
        loaded.Save(saved);
        Assert.Equal(payload, saved.ToArray());
    }

    [Fact]
    public void DamagedPayload_IsReportedAsCorrupt_BeforeTheBackendReadsIt()
    {
        var payload = Payload();
        var sha256 = SHA256.HashData(payload);
        payload[^1] ^= 0x40;
        var entry = new CompressedEntry(payload);
        var backend = new CountingBackend();

        var error = Assert.Throws<FormatException>(() => SimSidModelFormat.ReadPayload(_host, entry.Open, payload.Length, sha256, backend));

        Assert.Contains($"The SimSID model payload '{SimSidModelFormat.PayloadEntry}' in the model zip is corrupt: expected {payload.Length} bytes with SHA-256 {Convert.ToHexStringLower(sha256)}", error.Message);
        Assert.Equal(0, backend.Loads);
        Assert.Equal(1, entry.Opens);
    }
}
