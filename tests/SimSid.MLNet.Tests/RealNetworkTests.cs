using Microsoft.ML;
using SimSid.MLNet.Modeling;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;

namespace SimSid.MLNet.Tests;

/// <summary>The plugin around the real SimSID network of SimSid.Torch (no stand-in).</summary>
[Collection(RealNetworkCollection.Name)]
public sealed class RealNetworkTests(TrainedTinyNetwork trained)
{
    [Fact]
    public void Fit_RealNetwork_TrainsWithTheResolvedOptionsOnTheNormalRows()
    {
        var expected = SimSidPresets.Tiny with
        {
            Training = SimSidPresets.Tiny.Training with { Epochs = Pipelines.RealEpochs },
        };

        Assert.Equal(expected, trained.Estimator.ModelOptions);
        Assert.Equal(expected, trained.Network.Options);
        Assert.Equal(Pipelines.RealEpochs, trained.Network.EpochsTrained);
        Assert.True(trained.Network.IsReady);
        Assert.Contains(trained.Log, m => m.Contains("SimSID: 40 normal rows to train on; 8 rows labelled anomalous left out."));
        Assert.Contains(trained.Log, m => m.Contains($"SimSID: training preset 'tiny' at 32x32 on 40 images for {Pipelines.RealEpochs} epochs on cpu."));
    }

    [Fact]
    public void Fit_RealNetwork_ReportsEveryEpochWithItsLossesAndPace()
    {
        var reports = trained.Progress;

        Assert.Equal(Enumerable.Range(1, Pipelines.RealEpochs), reports.Select(r => r.Epoch));
        Assert.All(reports, r =>
        {
            Assert.Equal(Pipelines.RealEpochs, r.TotalEpochs);
            Assert.True(double.IsFinite(r.Loss) && r.Loss > 0, $"generator loss {r.Loss}");
            Assert.True(double.IsFinite(r.DiscriminatorLoss) && r.DiscriminatorLoss > 0, $"discriminator loss {r.DiscriminatorLoss}");
            Assert.True(double.IsFinite(r.ImagesPerSecond) && r.ImagesPerSecond > 0, $"{r.ImagesPerSecond} images/s");
        });
        Assert.True(reports[0].Elapsed < reports[^1].Elapsed);
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
        for (int epoch = 1; epoch <= Pipelines.RealEpochs; epoch++)
            Assert.Contains(trained.Log, m => m.Contains($"SimSID: epoch {epoch}/{Pipelines.RealEpochs}, generator loss "));
    }

    [Fact]
    public void Transform_RealNetwork_GivesTheNetworksScoresVerdictsAndReconstructions()
    {
        var scored = trained.ScoreTestRows();
        var detail = trained.Network.ScoreInDetail(trained.TestPixels);
        var (expected, reconstructions) = (detail.Scores, detail.Reconstructions);

        var scores = Scored.Scores(scored);
        Assert.Equal(expected.Select(s => (float)s.Score), scores);
        Assert.Equal(expected.Select(s => s.IsAnomalous), Scored.Bools(scored, "PredictedLabel"));
        Assert.Equal((float)trained.Network.Threshold!.Threshold, trained.Transformer.Threshold);
        Assert.True(scores.Distinct().Count() > 1, "the network should not give every image the same score");
        Assert.True(expected.Any(s => s.IsAnomalous) && expected.Any(s => !s.IsAnomalous),
            "the test rows should get both verdicts (the negatives of normal images are far above the threshold)");
        Assert.Equal(reconstructions, Scored.Vectors(scored, "Reconstruction"));
        // The anomaly map is the signal the score is read from: the model's own map in its scoring mode.
        Assert.Equal(detail.AnomalyMaps, Scored.Vectors(scored, "AnomalyMap"));
    }

    [Fact]
    public void Transform_RealNetwork_ScoresDoNotDependOnTheScoringBatch()
    {
        var expected = Scored.Scores(trained.ScoreTestRows());

        var engine = trained.ML.Model.CreatePredictionEngine<PixelRow, ScoredRow>(trained.Transformer);
        var oneByOne = trained.TestRows.Select(r => engine.Predict(r).Score).ToArray();

        // Per-image discriminator statistics make an image's score independent of its batch; the
        // tolerance only allows for the CPU kernels rounding differently for another batch shape.
        float tolerance = ScoreTolerance.Of(trained.Network);
        Assert.Equal(expected, oneByOne, (a, b) => Math.Abs(a - b) <= tolerance);
    }

    [Fact]
    public void ImagePipelineFromPngFiles_RealNetwork_TrainsAndScoresLikeTheNetworkOnThePixels()
    {
        var ml = new MLContext(seed: 1);
        string folder = trained.NewFolder();
        var trainFiles = ImageFiles.Write(folder, trained.TrainingRows, prefix: "train");
        var testFiles = ImageFiles.Write(folder, trained.TestRows, prefix: "test");
        var options = Pipelines.VectorOptions();
        options.InputColumnName = "Image";
        var pipeline = ml.Transforms.LoadImages("Image", folder, nameof(ImagePathRow.ImagePath))
            .Append(Pipelines.RealEstimator(ml, options));

        using var model = pipeline.Fit(trainFiles.Load(ml));
        var scored = model.Transform(testFiles.Load(ml));

        var network = Assert.IsType<TorchSimSidModel>(model.LastTransformer.Model).Model;
        var expected = network.Score(testFiles.CliPixels());
        // Same pixels; the tolerance only allows for the CPU kernels rounding differently for another batch shape.
        float tolerance = ScoreTolerance.Of(network);
        Assert.Equal(expected.Select(s => (float)s.Score), Scored.Scores(scored), (a, b) => Math.Abs(a - b) <= tolerance);
        Assert.Equal(trained.TestLabels, Scored.Bools(scored, nameof(ImagePathRow.Label)));
    }
}
