using Microsoft.ML;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;

namespace SimSid.MLNet.Tests;

/// <summary>The feature-memory score through an ML.NET pipeline and a model zip.</summary>
public sealed class FeatureMemoryPipelineTests
{
    [Fact]
    public void APipelineScoringWithTheFeatureMemory_SeparatesBlobs_AndItsModelZipScoresIdentically()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var options = Pipelines.VectorOptions();
        options.ModelOptions = SimSidPresets.Tiny with { Scoring = SimSidPresets.Tiny.Scoring with { FeatureMemory = true } };
        options.Scoring = ScoringMode.FeatureMemory;
        options.AnomalyMapColumnName = "AnomalyMap";
        var training = ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 32, anomalous: 0, seed: 21));
        var test = ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 16, anomalous: 16, seed: 22));

        using var transformer = Pipelines.RealEstimator(ml, options).Fit(training);
        var scored = transformer.Transform(test);

        // The minute a real memory of 1,000 images takes to describe is announced in the log.
        Assert.Single(log, m => m.Contains("SimSID: The feature memory describes its 32 remembered training images with the pretrained network (once)..."));

        var metrics = ml.BinaryClassification.EvaluateNonCalibrated(scored);
        // 0.953 here; 0.871-1.000 over six data seeds. The memory has no trained weights to vary.
        Assert.True(metrics.AreaUnderRocCurve > 0.75, $"feature-memory AUC {metrics.AreaUnderRocCurve:F3}");
        Assert.All(Scored.Vectors(scored, "AnomalyMap"), map => Assert.Equal(TestImages.PixelCount, map.Length));

        string zip = Path.Combine(Directory.CreateTempSubdirectory("simsid-feature-memory-").FullName, "model.zip");
        try
        {
            ml.Model.Save(transformer, training.Schema, zip);
            var fresh = new MLContext(seed: 2);
            var freshLog = new List<string>();
            fresh.Log += (_, e) => { lock (freshLog) freshLog.Add(e.Message); };
            using var loaded = Assert.IsType<SimSidTransformer>(fresh.Model.Load(zip, out _));
            var again = loaded.Transform(fresh.Data.LoadFromEnumerable(TestImages.Rows(normal: 16, anomalous: 16, seed: 22)));

            Assert.Equal(Scored.Scores(scored), Scored.Scores(again));
            // A model zip keeps the remembered images, not their features: its first score describes them again, and says so once.
            Assert.Single(freshLog, m => m.Contains("SimSID: The feature memory describes its 32 remembered training images with the pretrained network (once)..."));
            Assert.Equal(Scored.Bools(scored, "PredictedLabel"), Scored.Bools(again, "PredictedLabel"));
            Assert.Equal(Scored.Vectors(scored, "AnomalyMap"), Scored.Vectors(again, "AnomalyMap"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(zip)!, recursive: true);
        }
    }
}
