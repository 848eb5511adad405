using Microsoft.ML;
using Microsoft.ML.Runtime;
using SimSid.MLNet.Modeling;
using SimSid.Torch.Persistence;

namespace SimSid.MLNet.Persistence;

/// <summary>
/// How a <see cref="SimSidTransformer"/> is stored in an ML.NET model zip: its settings in the
/// component's main stream, and the model's own bytes in a separate entry whose length and SHA-256
/// the main stream records, so that a damaged zip is reported as such before the model reads it.
/// </summary>
internal static class SimSidModelFormat
{
    /// <summary>Name ML.NET finds the loader by; at most 24 characters.</summary>
    public const string LoaderSignature = "SimSidTransformer";

    /// <summary>Entry (inside the component's folder of the zip) that holds the model's bytes.</summary>
    public const string PayloadEntry = "SimSidModel.bin";

    private const string ModelSignature = "SIMSIDTR";

    // 0x00010001: first format.
    private const uint CurrentFormat = 0x00010001;
    private const uint OldestReadableFormat = 0x00010001;

    public static VersionInfo GetVersionInfo() => new(
        modelSignature: ModelSignature,
        verWrittenCur: CurrentFormat,
        verReadableCur: CurrentFormat,
        verWeCanReadBack: OldestReadableFormat,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(SimSidModelFormat).Assembly.FullName);

    public static void Save(ModelSaveContext ctx, SimSidTransformerSettings settings, Action<Stream> writeModel)
    {
        ctx.CheckAtModel();
        ctx.SetVersionInfo(GetVersionInfo());

        long length = 0;
        byte[] sha256 = [];
        ctx.SaveBinaryStream(PayloadEntry, writer =>
        {
            using var digest = new HashingStream(writer.BaseStream);
            writeModel(digest);
            length = digest.Count;
            sha256 = digest.Sha256();
        });

        var w = ctx.Writer;
        ctx.SaveNonEmptyString(settings.InputColumnName);
        w.Write((int)settings.PixelRange);
        w.Write(settings.ImageSize);
        w.Write(settings.ScoringBatchSize);
        ctx.SaveNonEmptyString(settings.ScoreColumnName);
        ctx.SaveNonEmptyString(settings.PredictedLabelColumnName);
        ctx.SaveStringOrNull(settings.ReconstructionColumnName);
        ctx.SaveStringOrNull(settings.AnomalyMapColumnName);
        w.Write(settings.Threshold);
        ctx.SaveNonEmptyString(settings.BackendId);
        w.Write(length);
        w.Write(sha256);
    }

    /// <exception cref="FormatException">The zip holds another format version or a damaged model.</exception>
    public static (SimSidTransformerSettings Settings, ISimSidModel Model) Load(IHost host, ModelLoadContext ctx)
    {
        CheckFormatVersion(host, ctx);
        ctx.CheckAtModel(GetVersionInfo());

        var r = ctx.Reader;
        string input = ctx.LoadNonEmptyString();
        var pixelRange = (SimSidPixelRange)r.ReadInt32();
        int imageSize = r.ReadInt32();
        int batchSize = r.ReadInt32();
        string score = ctx.LoadNonEmptyString();
        string predictedLabel = ctx.LoadNonEmptyString();
        string? reconstruction = ctx.LoadStringOrNull();
        string? anomalyMap = ctx.LoadStringOrNull();
        float threshold = r.ReadSingle();
        string backendId = ctx.LoadNonEmptyString();
        long length = r.ReadInt64();
        byte[] sha256 = r.ReadBytes(32);
        host.CheckDecode(Enum.IsDefined(pixelRange), $"The SimSID settings in the model zip name an unknown pixel range ({(int)pixelRange}).");
        host.CheckDecode(imageSize > 0 && batchSize > 0 && length >= 0 && sha256.Length == 32,
            "The SimSID settings in the model zip are damaged.");

        var settings = new SimSidTransformerSettings(input, pixelRange, imageSize, batchSize, score, predictedLabel,
            reconstruction, anomalyMap, threshold, backendId);
        var backend = SimSidModelBackends.Resolve(backendId);
        var model = ReadPayload(host, read => ctx.TryLoadBinaryStream(PayloadEntry, reader => read(reader.BaseStream)), length, sha256, backend);
        if (model.ImageSize != imageSize)
        {
            model.Dispose();
            throw host.ExceptDecode(
                $"The SimSID model in the zip takes {model.ImageSize}x{model.ImageSize} images but its settings say {imageSize}x{imageSize}; the zip is inconsistent.");
        }
        return (settings, model);
    }

    private static void CheckFormatVersion(IHost host, ModelLoadContext ctx)
    {
        var header = ctx.Header;
        string version = typeof(SimSidModelFormat).Assembly.GetName().Version?.ToString() ?? "?";
        if (header.ModelSignature != GetVersionInfo().ModelSignature)
            throw host.ExceptDecode(
                $"The component saved under the loader name '{LoaderSignature}' is not a SimSID transformer (unknown model signature 0x{header.ModelSignature:X16}).");
        if (header.ModelVerReadable > CurrentFormat)
            throw host.ExceptDecode(
                $"The SimSID transformer in this model zip was saved in format 0x{header.ModelVerWritten:X8} by a newer SimSid.MLNet; " +
                $"SimSid.MLNet {version} reads formats 0x{OldestReadableFormat:X8} to 0x{CurrentFormat:X8}. " +
                "Load the model with the SimSid.MLNet version that saved it, or a newer one.");
        if (header.ModelVerWritten < OldestReadableFormat)
            throw host.ExceptDecode(
                $"The SimSID transformer in this model zip was saved in format 0x{header.ModelVerWritten:X8}, which SimSid.MLNet {version} " +
                $"no longer reads (it reads 0x{OldestReadableFormat:X8} to 0x{CurrentFormat:X8}). " +
                "Retrain the model, or load it with the SimSid.MLNet version that saved it.");
    }

    /// <summary>
    /// Reads the model from its payload entry, opened once: <paramref name="openPayload"/> runs its argument
    /// on the entry's stream, or returns false when the zip has no such entry. The payload's length and
    /// SHA-256 are checked against the recorded ones before the backend reads a byte of it. ML.NET hands
    /// an entry over already extracted (a seekable memory or temporary-file stream), which is rewound for
    /// the backend after the check; any other stream is decompressed once, into memory, while it is checked.
    /// </summary>
    /// <exception cref="FormatException">The payload is missing or does not match its length and SHA-256.</exception>
    /// <exception cref="InvalidOperationException">The payload cannot be decompressed, or the backend cannot read it.</exception>
    internal static ISimSidModel ReadPayload(IHost host, Func<Action<Stream>, bool> openPayload, long expectedLength, byte[] expectedSha256, ISimSidModelBackend backend)
    {
        ISimSidModel? model = null;
        bool found;
        try
        {
            found = openPayload(payload => model = LoadVerified(host, backend, Verified(host, payload, expectedLength, expectedSha256)));
        }
        catch (InvalidDataException e)
        {
            // Only decompression fails this way: what the backend throws is wrapped by LoadVerified.
            model?.Dispose();
            throw host.Except(e, $"The SimSID model payload '{PayloadEntry}' in the model zip is corrupt and cannot be decompressed ({e.Message}).");
        }

        if (!found)
            throw host.ExceptDecode(
                $"The model zip has no SimSID model payload '{PayloadEntry}'; the file is incomplete or was not written by SimSid.MLNet.");
        return model ?? throw host.ExceptDecode($"The SimSID model backend '{backend.Id}' returned no model.");
    }

    /// <summary>
    /// Reads <paramref name="payload"/> to its end through a digest and checks its length and SHA-256; returns
    /// the same bytes for the backend: the stream rewound when it can seek, else the copy made while reading.
    /// </summary>
    private static Stream Verified(IHost host, Stream payload, long expectedLength, byte[] expectedSha256)
    {
        long start = payload.CanSeek ? payload.Position : 0;
        var copy = payload.CanSeek ? null : new MemoryStream();
        long length;
        byte[] sha256;
        using (var digest = new HashingStream(payload))
        {
            digest.CopyTo(copy ?? Stream.Null);
            length = digest.Count;
            sha256 = digest.Sha256();
        }

        if (length != expectedLength || !sha256.AsSpan().SequenceEqual(expectedSha256))
            throw host.ExceptDecode(
                $"The SimSID model payload '{PayloadEntry}' in the model zip is corrupt: expected {expectedLength} bytes with SHA-256 " +
                $"{Convert.ToHexStringLower(expectedSha256)}, found {length} bytes with SHA-256 {Convert.ToHexStringLower(sha256)}. " +
                "Save the model again, or copy the zip again if it was damaged on the way.");
        if (copy is null)
        {
            payload.Position = start;
            return payload;
        }
        copy.Position = 0;
        return copy;
    }

    private static ISimSidModel LoadVerified(IHost host, ISimSidModelBackend backend, Stream verified)
    {
        try
        {
            return backend.Load(verified);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw host.Except(e, $"The SimSID model backend '{backend.Id}' could not read the model stored in the zip: {e.Message}");
        }
    }
}
