using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet.Tests.Support;
using SimSid.Torch;

namespace SimSid.MLNet.Tests;

public sealed class FitTransformTests
{
    private static SimSidEstimator.Options WithReconstruction(SimSidEstimator.Options options)
    {
        options.ReconstructionColumnName = "Reconstruction";
        return options;
    }

    [Fact]
    public void Fit_WithBooleanLabel_TrainsOnNormalRowsOnly()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 20, anomalous: 8);
        var backend = new MeanImageBackend();
        var model = Pipelines.Estimator(ml, WithReconstruction(Pipelines.VectorOptions()), backend)
            .Fit(ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(20, backend.LastTraining!.Value.ImageCount);
        var reconstruction = Scored.Vectors(model.Transform(ml.Data.LoadFromEnumerable(rows.Take(1))), "Reconstruction")[0];
        Assert.Equal(TestImages.Mean(rows.Where(r => !r.Label).Select(r => r.Pixels)), reconstruction, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Fit_WithTrainOnAllRows_TrainsOnEveryRow()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 20, anomalous: 8);
        var options = WithReconstruction(Pipelines.VectorOptions());
        options.TrainOnAllRows = true;
        var backend = new MeanImageBackend();
        var model = Pipelines.Estimator(ml, options, backend).Fit(ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(28, backend.LastTraining!.Value.ImageCount);
        var reconstruction = Scored.Vectors(model.Transform(ml.Data.LoadFromEnumerable(rows.Take(1))), "Reconstruction")[0];
        Assert.Equal(TestImages.Mean(rows.Select(r => r.Pixels)), reconstruction, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Fit_WithoutLabelColumn_TrainsOnEveryRow()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 12, anomalous: 3).Select(r => new UnlabelledPixelRow { Pixels = r.Pixels });
        var backend = new MeanImageBackend();
        Pipelines.Estimator(ml, backend: backend).Fit(ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(15, backend.LastTraining!.Value.ImageCount);
    }

    [Fact]
    public void Fit_PassesThePresetWithTheOverridesToTheModel()
    {
        var ml = new MLContext(seed: 1);
        var options = Pipelines.VectorOptions();
        options.Epochs = 7;
        options.BatchSize = 4;
        options.Seed = 42;
        options.Scoring = ScoringMode.ReconstructionError;
        var backend = new MeanImageBackend();
        var estimator = Pipelines.Estimator(ml, options, backend);
        estimator.Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(5, 0)));

        var expected = SimSidPresets.Tiny with
        {
            Seed = 42,
            Training = SimSidPresets.Tiny.Training with { Epochs = 7, BatchSize = 4 },
            Scoring = SimSidPresets.Tiny.Scoring with { Mode = ScoringMode.ReconstructionError },
        };
        var actual = backend.LastTraining!.Value.Options;
        Assert.Equal(("tiny", 32, 7, 4, 42), (actual.Preset, actual.Network.ImageSize, actual.Training.Epochs, actual.Training.BatchSize, actual.Seed));
        Assert.Equal(expected, actual);
        Assert.Equal(expected, estimator.ModelOptions);
    }

    [Fact]
    public void Fit_WithModelOptions_PassesThemWithTheOverridesAndIgnoresThePreset()
    {
        var ml = new MLContext(seed: 1);
        var custom = SimSidPresets.Tiny with
        {
            Preset = "custom",
            Network = SimSidPresets.Tiny.Network with { FeaturesRoot = 4 },
            Scoring = SimSidPresets.Tiny.Scoring with { ThresholdQuantile = 0.9 },
        };
        var options = Pipelines.VectorOptions();
        options.Preset = "zhang";
        options.ModelOptions = custom;
        options.Epochs = 3;
        var backend = new MeanImageBackend();
        var estimator = Pipelines.Estimator(ml, options, backend);
        estimator.Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(5, 0)));

        var expected = custom with { Training = custom.Training with { Epochs = 3 } };
        Assert.Equal(expected, backend.LastTraining!.Value.Options);
        Assert.Equal(TestImages.Side, estimator.ImageSize);
    }

    [Fact]
    public void Preset_FixesTheImageSizeTheEstimatorTakes()
    {
        var ml = new MLContext(seed: 1);
        var options = Pipelines.VectorOptions();
        options.Preset = "small";
        var estimator = Pipelines.Estimator(ml, options);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(5, 0))));

        Assert.Equal(64, estimator.ImageSize);
        Assert.Contains("a known-size vector of 4096 Single values (64x64 grayscale pixels", error.Message);
        Assert.Contains("but it is Vector<Single, 1024>", error.Message);
    }

    [Fact]
    public void Transform_AddsScoreOfTheModelAndPredictedLabelFromTheThreshold()
    {
        var ml = new MLContext(seed: 1);
        var train = TestImages.Rows(normal: 30, anomalous: 0, seed: 1);
        var test = TestImages.Rows(normal: 10, anomalous: 10, seed: 2);
        var model = Pipelines.Estimator(ml).Fit(ml.Data.LoadFromEnumerable(train));
        var scored = model.Transform(ml.Data.LoadFromEnumerable(test));

        var mean = TestImages.Mean(train.Select(r => r.Pixels));
        var scores = Scored.Scores(scored);
        var predicted = Scored.Bools(scored, "PredictedLabel");
        Assert.Equal(test.Select(r => TestImages.MeanAbsoluteDifference(r.Pixels, mean)), scores, new FloatTolerance(1e-6f));
        Assert.Equal(train.Max(r => TestImages.MeanAbsoluteDifference(r.Pixels, mean)), model.Threshold, 1e-6f);
        Assert.DoesNotContain(true, Scored.Bools(model.Transform(ml.Data.LoadFromEnumerable(train)), "PredictedLabel"));
        Assert.Equal(scores.Select(s => s >= model.Threshold), predicted);
        Assert.True(Scored.Auc(scores, test.Select(r => r.Label).ToArray()) > 0.9, "anomalies should score higher than normal images");
        // The input columns are passed through untouched.
        Assert.Equal(test.Select(r => r.Label), Scored.Bools(scored, "Label"));
    }

    [Fact]
    public void Transform_AnomalyMap_IsAbsoluteDifferenceToReconstruction()
    {
        var ml = new MLContext(seed: 1);
        var options = WithReconstruction(Pipelines.VectorOptions());
        options.AnomalyMapColumnName = "AnomalyMap";
        var rows = TestImages.Rows(normal: 10, anomalous: 4);
        var scored = Pipelines.Estimator(ml, options).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));

        var reconstructions = Scored.Vectors(scored, "Reconstruction");
        var maps = Scored.Vectors(scored, "AnomalyMap");
        for (int r = 0; r < rows.Count; r++)
            Assert.Equal(rows[r].Pixels.Zip(reconstructions[r], (x, y) => Math.Abs(x - y)), maps[r]);
    }

    [Fact]
    public void Transform_PixelsIn0To255WithThatRange_ScoreAsThePixelsIn0To1()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 15, anomalous: 5);
        var bytes = rows.Select(r => new PixelRow { Pixels = r.Pixels.Select(p => p * 255).ToArray(), Label = r.Label }).ToList();
        var options = Pipelines.VectorOptions();
        options.PixelRange = SimSidPixelRange.ZeroTo255;

        var unit = Pipelines.Estimator(ml).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var wide = Pipelines.Estimator(ml, options).Fit(ml.Data.LoadFromEnumerable(bytes)).Transform(ml.Data.LoadFromEnumerable(bytes));

        Assert.Equal(Scored.Scores(unit), Scored.Scores(wide), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Transform_InMemoryImageColumn_TrainsAndScoresOnThePixelsTheCliReadsFromTheSameImageAsAFile()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 12, anomalous: 6);
        string folder = Directory.CreateTempSubdirectory("simsid-in-memory-images-").FullName;
        try
        {
            // The same images (twice the side) in memory and as PNG files, which the CLI would read.
            var images = rows.Select(r => new ImageRow { Image = TestImages.ToImage(r.Pixels, scale: 2), Label = r.Label }).ToList();
            var cliRows = ml.Data.LoadFromEnumerable(ImageFiles.Write(folder, rows).CliRows());
            var imageOptions = Pipelines.VectorOptions();
            imageOptions.InputColumnName = nameof(ImageRow.Image);

            var fromVectors = Pipelines.Estimator(ml).Fit(cliRows).Transform(cliRows);
            var fromImages = Pipelines.Estimator(ml, imageOptions).Fit(ml.Data.LoadFromEnumerable(images)).Transform(ml.Data.LoadFromEnumerable(images));

            Assert.Equal(Scored.Scores(fromVectors), Scored.Scores(fromImages));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Fit_ReportsEveryEpochToTheLogAndTheCallback()
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var reports = new List<SimSidTrainingProgress>();
        var options = Pipelines.VectorOptions();
        options.Epochs = 4;
        options.ProgressCallback = reports.Add;

        Pipelines.Estimator(ml, options).Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(8, 2)));

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(4, r.TotalEpochs));
        for (int epoch = 1; epoch <= 4; epoch++)
            Assert.Contains(log, m => m.Contains($"SimSID: epoch {epoch}/4"));
        Assert.Contains(log, m => m.Contains("SimSID: 8 normal rows to train on; 2 rows labelled anomalous left out."));
    }

    [Fact]
    public void Fit_CancelledToken_StopsTraining()
    {
        var ml = new MLContext(seed: 1);
        using var cancellation = new CancellationTokenSource();
        var reports = new List<SimSidTrainingProgress>();
        var options = Pipelines.VectorOptions();
        options.Epochs = 10_000;
        options.CancellationToken = cancellation.Token;
        options.ProgressCallback = progress =>
        {
            reports.Add(progress);
            if (progress.Epoch == 2)
                cancellation.Cancel();
        };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Pipelines.Estimator(ml, options).Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(8, 0))));
        Assert.Equal([1, 2], reports.Select(r => r.Epoch));
    }

    [Fact]
    public void Fit_CancelledMLContext_StopsTraining()
    {
        var ml = new MLContext(seed: 1);
        // ML.NET cancels a context internally (AutoML does on time-outs); its method is not public.
        var cancelExecution = typeof(MLContext).GetMethod("CancelExecution",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        var reports = new List<SimSidTrainingProgress>();
        var options = Pipelines.VectorOptions();
        options.Epochs = 10_000;
        options.ProgressCallback = progress =>
        {
            reports.Add(progress);
            if (progress.Epoch == 1)
                cancelExecution.Invoke(ml, null);
        };
        var backend = new MeanImageBackend { EpochDelay = TimeSpan.FromMilliseconds(20) };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Pipelines.Estimator(ml, options, backend).Fit(ml.Data.LoadFromEnumerable(TestImages.Rows(8, 0))));
        Assert.InRange(reports.Count, 1, 9_999);
    }
}
