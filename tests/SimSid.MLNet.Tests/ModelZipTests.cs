using Microsoft.ML;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

public sealed class ModelZipTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("simsid-mlnet-").FullName;
    private readonly MLContext _ml = new(seed: 1);
    private readonly List<PixelRow> _rows = TestImages.Rows(normal: 30, anomalous: 10);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_directory, name);

    /// <summary>Fits on the rows, saves the model, and returns its scores of the rows.</summary>
    private float[] FitAndSave(string path, SimSidEstimator.Options? options = null, MeanImageBackend? backend = null)
    {
        var data = _ml.Data.LoadFromEnumerable(_rows);
        using var model = Pipelines.Estimator(_ml, options, backend).Fit(data);
        _ml.Model.Save(model, data.Schema, path);
        return Scored.Scores(model.Transform(data));
    }

    [Fact]
    public void ModelZip_SaveThenLoadInFreshContext_GivesIdenticalScoresAndSettings()
    {
        var options = Pipelines.VectorOptions();
        options.ScoringBatchSize = 5;
        options.ReconstructionColumnName = "Reconstruction";
        options.ScoreColumnName = "AnomalyScore";
        string path = Path("model.zip");
        var data = _ml.Data.LoadFromEnumerable(_rows);
        var model = Pipelines.Estimator(_ml, options).Fit(data);
        var expected = model.Transform(data);
        _ml.Model.Save(model, data.Schema, path);

        var fresh = new MLContext(seed: 2);
        var loaded = Assert.IsType<SimSidTransformer>(fresh.Model.Load(path, out var inputSchema));

        Assert.Equal(data.Schema.Select(c => (c.Name, c.Type)), inputSchema.Select(c => (c.Name, c.Type)));
        Assert.Equal(
            (model.Threshold, model.ImageSize, model.InputColumnName, model.PixelRange, model.ScoringBatchSize, model.ScoreColumnName,
             model.PredictedLabelColumnName, model.ReconstructionColumnName, model.AnomalyMapColumnName),
            (loaded.Threshold, loaded.ImageSize, loaded.InputColumnName, loaded.PixelRange, loaded.ScoringBatchSize, loaded.ScoreColumnName,
             loaded.PredictedLabelColumnName, loaded.ReconstructionColumnName, loaded.AnomalyMapColumnName));
        var actual = loaded.Transform(fresh.Data.LoadFromEnumerable(_rows));
        Assert.Equal(Scored.Scores(expected, "AnomalyScore"), Scored.Scores(actual, "AnomalyScore"));
        Assert.Equal(Scored.Vectors(expected, "Reconstruction"), Scored.Vectors(actual, "Reconstruction"));
    }

    [Fact]
    public void ModelZip_HoldsTheModelsOwnBytes()
    {
        string path = Path("model.zip");
        var backend = new MeanImageBackend();
        FitAndSave(path, backend: backend);

        using var saved = new MemoryStream();
        backend.LastTrained!.Save(saved);
        Assert.Equal(saved.ToArray(), ModelZipFile.ReadPayload(path));
    }

    [Fact]
    public void ModelZip_ImagePipelineFromFiles_LoadsAndScoresIdentically()
    {
        string folder = Directory.CreateDirectory(Path("images")).FullName;
        var files = ImageFiles.Write(folder, _rows);
        var options = Pipelines.VectorOptions();
        options.InputColumnName = "Image";
        var pipeline = _ml.Transforms.LoadImages("Image", folder, nameof(ImagePathRow.ImagePath))
            .Append(Pipelines.Estimator(_ml, options));
        var model = pipeline.Fit(files.Load(_ml));
        var expected = Scored.Scores(model.Transform(files.Load(_ml)));
        string path = Path("pipeline.zip");
        _ml.Model.Save(model, files.Load(_ml).Schema, path);

        var fresh = new MLContext(seed: 2);
        var loaded = fresh.Model.Load(path, out _);

        Assert.Equal(expected, Scored.Scores(loaded.Transform(files.Load(fresh))));
    }

    [Fact]
    public void ModelZip_LoadedModel_WorksInAPredictionEngine()
    {
        string path = Path("model.zip");
        var expected = FitAndSave(path);

        var fresh = new MLContext(seed: 2);
        var engine = fresh.Model.CreatePredictionEngine<PixelRow, ScoredRow>(fresh.Model.Load(path, out _));

        Assert.Equal(expected, _rows.Select(r => engine.Predict(r).Score));
    }

    [Fact]
    public void ModelZip_WrittenInNewerFormat_FailsNamingTheVersions()
    {
        string path = Path("model.zip");
        FitAndSave(path);
        ModelZipFile.SetFormatVersion(path, written: 0x00010002, readable: 0x00010002);

        var error = ModelZipLoading.Error(path);

        Assert.IsType<FormatException>(error);
        Assert.Contains("format 0x00010002 by a newer SimSid.MLNet", error.Message);
        Assert.Contains("reads formats 0x00010001 to 0x00010001", error.Message);
    }

    [Fact]
    public void ModelZip_WrittenInOlderFormat_FailsNamingTheVersions()
    {
        string path = Path("model.zip");
        FitAndSave(path);
        ModelZipFile.SetFormatVersion(path, written: 0x00010000, readable: 0x00010000);

        var error = ModelZipLoading.Error(path);

        Assert.IsType<FormatException>(error);
        Assert.Contains("saved in format 0x00010000, which SimSid.MLNet", error.Message);
        Assert.Contains("no longer reads", error.Message);
    }

    [Fact]
    public void ModelZip_TruncatedPayload_FailsAsCorrupt()
    {
        string path = Path("model.zip");
        FitAndSave(path);
        int length = ModelZipFile.ReadPayload(path).Length;
        ModelZipFile.ReplacePayload(path, bytes => bytes[..(bytes.Length / 2)]);

        var error = ModelZipLoading.Error(path);

        Assert.IsType<FormatException>(error);
        Assert.Contains("SimSidModel.bin' in the model zip is corrupt", error.Message);
        Assert.Contains($"expected {length} bytes", error.Message);
        Assert.Contains($"found {length / 2} bytes", error.Message);
    }

    [Fact]
    public void ModelZip_FlippedPayloadByte_FailsAsCorrupt()
    {
        string path = Path("model.zip");
        FitAndSave(path);
        ModelZipFile.ReplacePayload(path, bytes =>
        {
            bytes[^1] ^= 0x40;
            return bytes;
        });

        var error = ModelZipLoading.Error(path);

        Assert.IsType<FormatException>(error);
        Assert.Contains("in the model zip is corrupt", error.Message);
    }

    [Fact]
    public void ModelZip_MissingPayload_FailsNamingTheEntry()
    {
        string path = Path("model.zip");
        FitAndSave(path);
        ModelZipFile.ReplacePayload(path, _ => null);

        var error = ModelZipLoading.Error(path);

        Assert.IsType<FormatException>(error);
        Assert.Contains("has no SimSID model payload 'SimSidModel.bin'", error.Message);
    }

    [Fact]
    public void ModelZip_PayloadTheBackendCannotRead_FailsNamingTheBackend()
    {
        string path = Path("model.zip");
        var data = _ml.Data.LoadFromEnumerable(_rows);
        using var model = _ml.Transforms.SimSid(Pipelines.VectorOptions(), new UnreadableModelBackend()).Fit(data);
        _ml.Model.Save(model, data.Schema, path);

        var error = ModelZipLoading.Error(path);

        Assert.Contains($"backend '{UnreadableModelBackend.RegisteredId}' could not read the model stored in the zip", error.Message);
        Assert.Contains(UnreadableModelBackend.Complaint, error.Message);
    }

    [Fact]
    public void ModelZip_FromAnUnavailableBackend_FailsNamingIt()
    {
        string path = Path("model.zip");
        FitAndSave(path, backend: new MeanImageBackend(id: "Unregistered.Backend"));

        var error = ModelZipLoading.Error(path);

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("backend 'Unregistered.Backend', which is not available in this process", error.Message);
        Assert.Contains($"'{MeanImageBackend.RegisteredId}'", error.Message);
    }
}
