using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet;
using SimSid.Torch;
using SimSid.Torch.Benchmarks;

namespace SimSid.Cli.Benchmarks;

/// <summary>Scoring throughput of the ML.NET transformer against the batched SimSid.Torch scorer it wraps.</summary>
/// <param name="Images">Images scored per measurement.</param>
/// <param name="BatchSize">Rows per scoring batch, in both.</param>
/// <param name="TorchImagesPerSecond">SimSidModel.Score on the pixel arrays.</param>
/// <param name="MlNetImagesPerSecond">Transform plus a cursor over the Score column of a pixel-vector data view.</param>
/// <param name="TorchOneImageSeconds">SimSidModel.Score of one image alone (the median of 32).</param>
/// <param name="PredictionEngineOneImageSeconds">An ML.NET prediction engine's Predict of one row (the median of 32).</param>
public sealed record MlNetThroughputResult(int Images, int BatchSize, double TorchImagesPerSecond, double MlNetImagesPerSecond,
    double TorchOneImageSeconds, double PredictionEngineOneImageSeconds)
{
    /// <summary>ML.NET's throughput as a fraction of the scorer's.</summary>
    public double Ratio => MlNetImagesPerSecond / TorchImagesPerSecond;
}

/// <summary>Measures <see cref="MlNetThroughputResult"/> for a preset (after a one-epoch fit on random images).</summary>
public static class MlNetThroughput
{
    private sealed class Row
    {
        public float[] Pixels { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }

    /// <summary>
    /// Fits the preset for one epoch on random images, then times both scorers on <paramref name="images"/> images,
    /// <paramref name="repeats"/> times, and both on one image at a time (ML.NET's through a prediction engine).
    /// </summary>
    public static MlNetThroughputResult Run(SimSidOptions options, int images = 128, int repeats = 3)
    {
        int size = options.InputSize, batch = options.Scoring.BatchSize;
        var random = new Random(5);
        var pixels = Enumerable.Range(0, images).Select(_ => Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var ml = new MLContext(seed: 0);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size * size);
        var data = ml.Data.LoadFromEnumerable(pixels.Select(p => new Row { Pixels = p }), schema);
        var fitOptions = options with
        {
            Training = options.Training with { Epochs = 1 },
            Scoring = options.Scoring with { CalibrationImages = Math.Min(images, 2 * batch) },
        };
        using var transformer = ml.Transforms.SimSid(new SimSidEstimator.Options
        {
            InputColumnName = nameof(Row.Pixels), TrainOnAllRows = true, ModelOptions = fitOptions, ScoringBatchSize = batch,
        }).Fit(ml.Data.TakeRows(data, 2 * batch));
        var model = transformer.TorchModel!;

        double Measure(Action score)
        {
            score();
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < repeats; i++) score();
            return repeats * images / clock.Elapsed.TotalSeconds;
        }
        double torch = Measure(() => model.Score(pixels));
        double mlnet = Measure(() => transformer.Transform(data).GetColumn<float>(SimSidCatalog.DefaultScoreColumnName).ToArray());

        double torchOne = SingleCalls.MedianSeconds(i => model.Score([pixels[i % images]]));
        var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(transformer, inputSchemaDefinition: schema);
        var rows = pixels.Select(p => new Row { Pixels = p }).ToList();
        double engineOne = SingleCalls.MedianSeconds(i => engine.Predict(rows[i % images]));
        return new MlNetThroughputResult(images, batch, torch, mlnet, torchOne, engineOne);
    }
}
