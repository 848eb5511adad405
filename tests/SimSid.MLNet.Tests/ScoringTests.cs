using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

public sealed class ScoringTests
{
    [Fact]
    public void Transform_ScoresRowsInBatchesOfScoringBatchSize()
    {
        var ml = new MLContext(seed: 1);
        var backend = new MeanImageBackend();
        var options = Pipelines.VectorOptions();
        options.ScoringBatchSize = 16;
        var rows = TestImages.Rows(normal: 30, anomalous: 7);
        var model = Pipelines.Estimator(ml, options, backend).Fit(ml.Data.LoadFromEnumerable(rows));

        var scores = Scored.Scores(model.Transform(ml.Data.LoadFromEnumerable(rows)));

        Assert.Equal([16, 16, 5], backend.LastTrained!.ScoredBatchSizes);
        Assert.Equal(rows.Select(r => backend.LastTrained.ScoreOf(r.Pixels)), scores);
    }

    [Fact]
    public void Transform_OnlyInputColumnsRequested_DoesNotScore()
    {
        var ml = new MLContext(seed: 1);
        var backend = new MeanImageBackend();
        var rows = TestImages.Rows(normal: 10, anomalous: 3);
        var scored = Pipelines.Estimator(ml, backend: backend).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(rows.Select(r => r.Label), Scored.Bools(scored, nameof(PixelRow.Label)));
        Assert.Empty(backend.LastTrained!.ScoredBatchSizes);
    }

    [Fact]
    public void Transform_CursorsOnSeveralThreads_GiveTheSameScores()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 40, anomalous: 20);
        var options = Pipelines.VectorOptions();
        options.ScoringBatchSize = 7;
        var scored = Pipelines.Estimator(ml, options).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var expected = Scored.Scores(scored);

        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = Scored.Scores(scored));

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void Transform_DataWhoseCursorsDisagree_FailsInsteadOfMisplacingScores()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 10, anomalous: 3);
        var model = Pipelines.Estimator(ml).Fit(ml.Data.LoadFromEnumerable(rows));

        var error = Assert.Throws<InvalidOperationException>(() =>
            Scored.Scores(model.Transform(new UnstableDataView(ml.Data.LoadFromEnumerable(rows)))));

        Assert.Contains("yielded different rows on two cursors", error.Message);
    }

    [Fact]
    public void PredictionEngine_ScoresEachRowLikeTheBatchedTransform()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestImages.Rows(normal: 20, anomalous: 8);
        var model = Pipelines.Estimator(ml).Fit(ml.Data.LoadFromEnumerable(rows));
        var expected = Scored.Scores(model.Transform(ml.Data.LoadFromEnumerable(rows)));

        var engine = ml.Model.CreatePredictionEngine<PixelRow, ScoredRow>(model);
        var predictions = rows.Select(engine.Predict).ToList();

        Assert.Equal(expected, predictions.Select(p => p.Score));
        Assert.Equal(expected.Select(s => s >= model.Threshold), predictions.Select(p => p.PredictedLabel));
    }

    [Fact]
    public void Transform_ImagePipelineFromFiles_ScoresLikeTheFilesPixelsAsTheCliLoadsThem()
    {
        var ml = new MLContext(seed: 1);
        string folder = Directory.CreateTempSubdirectory("simsid-images-").FullName;
        try
        {
            var files = ImageFiles.Write(folder, TestImages.Rows(normal: 12, anomalous: 4));
            var imageOptions = Pipelines.VectorOptions();
            imageOptions.InputColumnName = "Image";
            var pipeline = ml.Transforms.LoadImages("Image", folder, nameof(ImagePathRow.ImagePath))
                .Append(Pipelines.Estimator(ml, imageOptions));
            var cliRows = ml.Data.LoadFromEnumerable(files.CliRows());

            var fromFiles = Scored.Scores(pipeline.Fit(files.Load(ml)).Transform(files.Load(ml)));
            var fromPixels = Scored.Scores(Pipelines.Estimator(ml).Fit(cliRows).Transform(cliRows));

            Assert.Equal(fromPixels, fromFiles);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Transform_ExtractPixelsVectorIn0To255_ScoresTheExtractedPixels()
    {
        var ml = new MLContext(seed: 1);
        string folder = Directory.CreateTempSubdirectory("simsid-extracted-").FullName;
        try
        {
            var files = ImageFiles.Write(folder, TestImages.Rows(normal: 10, anomalous: 3));
            var backend = new MeanImageBackend();
            var options = Pipelines.VectorOptions();
            options.InputColumnName = "Pixels";
            options.PixelRange = SimSidPixelRange.ZeroTo255;
            // The vector path of the README: ML.NET's own grayscale, resize and pixel extraction.
            var pipeline = ml.Transforms.LoadImages("Image", folder, nameof(ImagePathRow.ImagePath))
                .Append(ml.Transforms.ConvertToGrayscale("Image"))
                .Append(ml.Transforms.ResizeImages("Image", TestImages.Side, TestImages.Side))
                .Append(ml.Transforms.ExtractPixels("Pixels", "Image", colorsToExtract: ImagePixelExtractingEstimator.ColorBits.Red))
                .Append(Pipelines.Estimator(ml, options, backend));

            var scored = pipeline.Fit(files.Load(ml)).Transform(files.Load(ml));

            var extracted = Scored.Vectors(scored, "Pixels");
            Assert.All(extracted, pixels => Assert.Equal(TestImages.PixelCount, pixels.Length));
            Assert.Contains(extracted.SelectMany(p => p), v => v > 1);
            Assert.Equal(extracted.Select(p => backend.LastTrained!.ScoreOf(p.Select(v => v / 255f).ToArray())), Scored.Scores(scored));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
