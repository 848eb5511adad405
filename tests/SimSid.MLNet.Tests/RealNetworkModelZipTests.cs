using Microsoft.ML;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;
using SimSid.Torch.Persistence;

namespace SimSid.MLNet.Tests;

/// <summary>Model zips holding the real SimSID network.</summary>
[Collection(RealNetworkCollection.Name)]
public sealed class RealNetworkModelZipTests(TrainedTinyNetwork trained)
{
    private string CopyOfZip()
    {
        string path = Path.Combine(trained.NewFolder(), "model.zip");
        File.Copy(trained.ZipPath, path);
        return path;
    }

    [Fact]
    public void ModelZip_RealNetwork_LoadedInAFreshContext_GivesIdenticalColumns()
    {
        var expected = trained.ScoreTestRows();
        var fresh = new MLContext(seed: 2);

        using var loaded = Assert.IsType<SimSidTransformer>(fresh.Model.Load(trained.ZipPath, out _));
        var actual = trained.ScoreTestRows(fresh, loaded);

        Assert.Equal(trained.Transformer.Threshold, loaded.Threshold);
        Assert.Equal(Scored.Scores(expected), Scored.Scores(actual));
        Assert.Equal(Scored.Bools(expected, "PredictedLabel"), Scored.Bools(actual, "PredictedLabel"));
        Assert.Equal(Scored.Vectors(expected, "Reconstruction"), Scored.Vectors(actual, "Reconstruction"));
        Assert.Equal(Scored.Vectors(expected, "AnomalyMap"), Scored.Vectors(actual, "AnomalyMap"));
    }

    [Fact]
    public void ModelZip_RealNetwork_LoadedInASeparateProcess_GivesIdenticalScores()
    {
        var expected = Scored.Scores(trained.ScoreTestRows());

        var scores = ModelZipChildProcess.ScoreInAnotherProcess(trained.ZipPath, trained.TestPixels, trained.NewFolder());

        Assert.Equal(expected, scores);
    }

    [Fact]
    public void ModelZip_RealNetwork_HoldsTheNetworksOwnModelFile()
    {
        using var stored = SimSidModel.Load(new MemoryStream(ModelZipFile.ReadPayload(trained.ZipPath)));

        Assert.Equal(trained.Network.Options, stored.Options);
        Assert.Equal(trained.Network.Threshold, stored.Threshold);
        Assert.Equal(trained.Network.Calibration, stored.Calibration);
        Assert.Equal(trained.Network.Score(trained.TestPixels), stored.Score(trained.TestPixels));
    }

    public static TheoryData<string, string> DamagedModels() => new()
    {
        { "flipped byte", "is corrupt: its checksum does not match its contents" },
        { "truncated", "is truncated or corrupt: it ends before its contents do" },
        { "foreign file", "is not a SimSID model or checkpoint file" },
    };

    [Theory]
    [MemberData(nameof(DamagedModels))]
    public void ModelZip_RealNetworkWithDamagedModelBytesButAValidZip_FailsWithTheNetworksOwnDiagnosis(string damage, string diagnosis)
    {
        string path = CopyOfZip();
        ModelZipFile.ReplacePayloadResealed(path, bytes => damage switch
        {
            "flipped byte" => Flip(bytes, bytes.Length / 2),
            "truncated" => bytes[..(bytes.Length / 2)],
            _ => "PK\u0003\u0004 not a model"u8.ToArray(),
        });

        var error = ModelZipLoading.Error(path);

        Assert.Contains("The SimSID model backend 'SimSid.Torch' could not read the model stored in the zip", error.Message);
        var cause = Assert.IsType<ModelFileException>(error.InnerException);
        Assert.Contains("\"the model zip's SimSID model\" " + diagnosis, cause.Message);
        Assert.Contains(diagnosis, error.Message);
    }

    [Fact]
    public void ModelZip_RealNetworkWithAFlippedByte_FailsTheZipsIntegrityCheckBeforeTheNetworkReadsIt()
    {
        string path = CopyOfZip();
        int length = ModelZipFile.ReadPayload(path).Length;
        ModelZipFile.ReplacePayload(path, bytes => Flip(bytes, bytes.Length / 2));

        var error = ModelZipLoading.Error(path);

        Assert.IsType<FormatException>(error);
        Assert.Contains("The SimSID model payload 'SimSidModel.bin' in the model zip is corrupt", error.Message);
        Assert.Contains($"expected {length} bytes with SHA-256", error.Message);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0x40;
        return bytes;
    }
}
