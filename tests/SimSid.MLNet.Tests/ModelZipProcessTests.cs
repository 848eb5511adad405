using Microsoft.ML;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

public sealed class ModelZipProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("simsid-mlnet-process-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ModelZip_LoadedInASeparateProcess_GivesIdenticalScores()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 30, anomalous: 10);
        var data = ml.Data.LoadFromEnumerable(rows);
        using var model = Pipelines.Estimator(ml).Fit(data);
        string zip = Path.Combine(_directory, "model.zip");
        ml.Model.Save(model, data.Schema, zip);

        var scores = ModelZipChildProcess.ScoreInAnotherProcess(zip, rows.Select(r => r.Pixels), _directory);

        Assert.Equal(Scored.Scores(model.Transform(data)), scores);
    }
}
