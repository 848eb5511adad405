using System.Security.Cryptography;
using SimSid.Torch.Evaluation;
using SimSid.Torch.Persistence;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

public sealed class ModelFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-model-").FullName;
    private static readonly Lazy<(byte[] Bytes, double[] Logits, double[] Errors, ScoreCalibration Calibration, IReadOnlyDictionary<ScoringMode, ThresholdSelection> Thresholds, List<float[]> Probe)> Trained = new(() =>
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 16, size: 32, mixed: false);
        var (probe, _) = Phantoms.Set(seed: 2, count: 5, size: 32, mixed: true);
        var options = SimSidPresets.Tiny with { Training = SimSidPresets.Tiny.Training with { Epochs = 1 } };
        using var model = new SimSidTrainer(options).Fit(train);
        using var memory = new MemoryStream();
        model.Save(memory);
        return (memory.ToArray(), model.Score(probe).Select(s => s.RawScore).ToArray(),
            model.Score(probe, ScoringMode.ReconstructionError).Select(s => s.RawScore).ToArray(), model.Calibration!, model.Thresholds!, probe);
    });

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(byte[] bytes, string name = "model.simsid")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void SaveAndLoad_GiveIdenticalScores_CalibrationAndThreshold()
    {
        var (bytes, logits, errors, calibration, thresholds, probe) = Trained.Value;
        using var loaded = SimSidModel.Load(Write(bytes));

        Assert.Equal(logits, loaded.Score(probe).Select(s => s.RawScore).ToArray());
        Assert.Equal(errors, loaded.Score(probe, ScoringMode.ReconstructionError).Select(s => s.RawScore).ToArray());
        Assert.Equal(calibration, loaded.Calibration);
        Assert.Equal(thresholds, loaded.Thresholds);
        Assert.NotNull(loaded.Calibration!.ReconstructionError);
        Assert.True(loaded.IsReady);
        Assert.Equal("tiny", loaded.Options.Preset);
        Assert.Equal(1, loaded.EpochsTrained);
    }

    [Fact]
    public void TruncatedFile_IsReportedAsTruncated()
    {
        var bytes = Trained.Value.Bytes;
        foreach (int length in new[] { 4, 200, bytes.Length / 2, bytes.Length - 10 })
        {
            var path = Write(bytes[..length]);
            var error = Assert.Throws<ModelFileException>(() => SimSidModel.Load(path));
            Assert.Contains($"\"{path}\" is truncated", error.Message);
        }
    }

    /// <summary>The model's bytes with the generator section's declared length replaced by <paramref name="length"/>.</summary>
    private static byte[] WithGeneratorSectionLength(long length)
    {
        var bytes = (byte[])Trained.Value.Bytes.Clone();
        using var reader = new BinaryReader(new MemoryStream(bytes));
        reader.ReadBytes(8); // signature
        reader.ReadInt32(); // format version
        reader.ReadString(); // header
        reader.ReadInt32(); // section count
        Assert.Equal("generator", reader.ReadString());
        BitConverter.GetBytes(length).CopyTo(bytes, reader.BaseStream.Position);
        return bytes;
    }

    [Fact]
    public void CorruptSectionLength_IsReportedNamingTheFile_WithoutAllocatingIt()
    {
        long claimed = Array.MaxLength;
        var path = Write(WithGeneratorSectionLength(claimed));
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var error = Assert.ThrowsAny<Exception>(() => SimSidModel.Load(path));

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(allocated < 64 << 20, $"reading the file allocated {allocated} bytes and said: {error.Message}");
        Assert.IsType<ModelFileException>(error);
        Assert.Contains($"\"{path}\" is truncated or corrupt: it ends before its contents do (its section \"generator\" claims {claimed} bytes, but only ", error.Message);
        Assert.Contains("Use a complete, undamaged copy of the file.", error.Message);
    }

    [Fact]
    public void CorruptSectionLength_InAStreamOfUnknownLength_IsReportedAsTruncated_WithoutAllocatingIt()
    {
        long claimed = Array.MaxLength;
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
            gzip.Write(WithGeneratorSectionLength(claimed));
        compressed.Position = 0;
        using var stream = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress);
        Assert.False(stream.CanSeek);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var error = Assert.ThrowsAny<Exception>(() => SimSidModel.Load(stream, source: "model.simsid.gz"));

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(allocated < 64 << 20, $"reading the stream allocated {allocated} bytes and said: {error.Message}");
        Assert.IsType<ModelFileException>(error);
        Assert.Contains("\"model.simsid.gz\" is truncated: it ends before its contents do", error.Message);
    }

    [Fact]
    public void CorruptedByte_IsReportedByTheChecksum()
    {
        var bytes = (byte[])Trained.Value.Bytes.Clone();
        bytes[bytes.Length / 2] ^= 0x40;
        var path = Write(bytes);
        var error = Assert.Throws<ModelFileException>(() => SimSidModel.Load(path));
        Assert.Contains("is corrupt: its checksum does not match its contents", error.Message);
    }

    [Fact]
    public void OtherFormatVersion_SaysWhichVersionsAreInvolved()
    {
        var bytes = (byte[])Trained.Value.Bytes.Clone();
        BitConverter.GetBytes(ModelFile.FormatVersion + 1).CopyTo(bytes, 8);
        var path = Write(bytes);
        var error = Assert.Throws<ModelFileException>(() => SimSidModel.Load(path));
        Assert.Contains($"was written in SimSID model format version {ModelFile.FormatVersion + 1}; this library reads versions 1 to {ModelFile.FormatVersion}. Upgrade SimSid.NET", error.Message);
    }

    [Fact]
    public void AVersion1File_KeepsTheMemoriesMatchingItWasCalibratedWith()
    {
        using var version1 = SimSidModel.Load(Write(WithVersion(Trained.Value.Bytes, 1)));
        using var current = SimSidModel.Load(Write(Trained.Value.Bytes, "current.simsid"));

        Assert.Equal(PlaceMatching.Default, current.PatchMemory!.Matching);
        Assert.Equal(PlaceMatching.Legacy, PlaceMatching.Of(version1.Options.Scoring));
        Assert.Equal(PlaceMatching.Legacy, version1.PatchMemory!.Matching);
        using var images = current.PatchMemory.Images.clone();
        using var legacy = PatchMemory.FromImages(images.clone(), matching: PlaceMatching.Legacy);
        using var expected = legacy.DistanceMaps(images.flip(3));
        using var actual = version1.PatchMemory.DistanceMaps(images.flip(3));
        using var now = current.PatchMemory.DistanceMaps(images.flip(3));
        Assert.True(expected.equal(actual).all().item<bool>());
        Assert.False(expected.equal(now).all().item<bool>());
    }

    [Fact]
    public void AVersion2File_WhoseMeanReadTheThirdStage_IsRefusedWithWhatToDo_OtherVersion2FilesRead()
    {
        var thirdStage = SimSidPresets.Tiny with { Scoring = SimSidPresets.Tiny.Scoring with { FeatureMemoryMeanStage = ResNetStage.Third } };
        using var model = SimSidModel.Create(thirdStage);
        using var stream = new MemoryStream();
        model.Save(stream);
        var version2 = Write(WithVersion(stream.ToArray(), 2), "third-stage-v2.simsid");

        using (var current = SimSidModel.Load(Write(stream.ToArray(), "third-stage.simsid")))
            Assert.Equal(ResNetStage.Third, current.Options.Scoring.FeatureMemoryMeanStage);
        var error = Assert.Throws<ModelFileException>(() => SimSidModel.Load(version2));
        Assert.Contains($"\"{version2}\" was written by a development build whose mean over the image read the third stage's features on a 32 x 32 grid", error.Message);
        Assert.Contains("Train it again with this version", error.Message);
        using var secondStage = SimSidModel.Load(Write(WithVersion(Trained.Value.Bytes, 2), "second-stage-v2.simsid"));
        Assert.Equal(Trained.Value.Logits, secondStage.Score(Trained.Value.Probe).Select(s => s.RawScore).ToArray());
    }

    /// <summary>A copy of model file <paramref name="bytes"/> that says it was written in format <paramref name="version"/>, its checksum made to fit.</summary>
    private static byte[] WithVersion(byte[] bytes, int version)
    {
        var copy = (byte[])bytes.Clone();
        BitConverter.GetBytes(version).CopyTo(copy, 8);
        SHA256.HashData(copy.AsSpan(0, copy.Length - 32)).CopyTo(copy, copy.Length - 32);
        return copy;
    }

    [Fact]
    public void NotAModelFile_AndMissingFile_AreNamed()
    {
        var path = Write("PK\u0003\u0004 not a model"u8.ToArray(), "notes.zip");
        Assert.Contains($"\"{path}\" is not a SimSID model or checkpoint file", Assert.Throws<ModelFileException>(() => SimSidModel.Load(path)).Message);
        var missing = Path.Combine(folder, "absent.simsid");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => SimSidModel.Load(missing)).Message);
    }

    [Fact]
    public void UntrainedModel_RefusesToScore()
    {
        using var model = SimSidModel.Create(SimSidPresets.Tiny);
        var error = Assert.Throws<InvalidOperationException>(() => model.Score([new float[32 * 32]]));
        Assert.Contains("has not been trained to the end", error.Message);
    }

    [Fact]
    public void NonFiniteInput_IsReportedWithItsPosition()
    {
        using var model = SimSidModel.Load(Write(Trained.Value.Bytes));
        var image = new float[32 * 32];
        image[70] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => model.Score([new float[32 * 32], image]));
        Assert.Contains("Image 1 has a non-finite pixel (NaN) at index 70 (row 2, column 6).", error.Message);
    }

    [Fact]
    public void CorruptWeights_ProducingNaN_AreDetected()
    {
        using var model = SimSidModel.Load(Write(Trained.Value.Bytes));
        using (TorchSharp.torch.no_grad())
            model.Discriminator.parameters().First().fill_(float.NaN);
        var error = Assert.Throws<InvalidOperationException>(() => model.Score([new float[32 * 32]]));
        Assert.Contains("NaN or infinite scores", error.Message);
    }
}
