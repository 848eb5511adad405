using Microsoft.ML;
using Microsoft.ML.Data;

namespace SimSid.MLNet.Baselines;

/// <summary>
/// The comparison every SimSID report carries: ML.NET's own randomized-PCA anomaly detector on raw
/// pixels, fitted on the same normal training images. Its score is ML.NET's normalised PCA
/// reconstruction error (higher = more anomalous).
/// </summary>
public sealed class PixelPcaBaseline
{
    private readonly MLContext mlContext;
    private readonly ITransformer model;
    private readonly int pixels;

    private PixelPcaBaseline(MLContext mlContext, ITransformer model, int pixels, int rank)
    {
        this.mlContext = mlContext;
        this.model = model;
        this.pixels = pixels;
        Rank = rank;
    }

    /// <summary>Rank of the PCA subspace.</summary>
    public int Rank { get; }

    /// <summary>Fits the detector on images (row-major pixels in [0, 1], all of the same size).</summary>
    /// <param name="trainingImages">Normal training images.</param>
    /// <param name="rank">PCA rank; capped below the number of images.</param>
    /// <param name="seed">Seed of the randomized SVD.</param>
    public static PixelPcaBaseline Fit(IReadOnlyList<float[]> trainingImages, int rank = 20, int seed = 0)
    {
        if (trainingImages.Count < 2) throw new ArgumentException("The PCA baseline needs at least two training images.", nameof(trainingImages));
        int pixels = trainingImages[0].Length;
        int effectiveRank = Math.Max(1, Math.Min(rank, trainingImages.Count - 1));
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(Rows(trainingImages, pixels), Schema(pixels));
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(nameof(PixelRow.Pixels), rank: effectiveRank, ensureZeroMean: true, seed: seed);
        return new PixelPcaBaseline(ml, trainer.Fit(data), pixels, effectiveRank);
    }

    /// <summary>Anomaly scores of <paramref name="images"/> (higher = more anomalous).</summary>
    public double[] Score(IReadOnlyList<float[]> images)
    {
        var data = mlContext.Data.LoadFromEnumerable(Rows(images, pixels), Schema(pixels));
        return model.Transform(data).GetColumn<float>(DefaultColumnNames.Score).Select(s => (double)s).ToArray();
    }

    private static IEnumerable<PixelRow> Rows(IReadOnlyList<float[]> images, int pixels)
    {
        for (int i = 0; i < images.Count; i++)
        {
            if (images[i].Length != pixels)
                throw new ArgumentException($"Image {i} has {images[i].Length} pixels; the baseline was fitted on images of {pixels}.", nameof(images));
            yield return new PixelRow { Pixels = images[i] };
        }
    }

    private static SchemaDefinition Schema(int pixels)
    {
        var schema = SchemaDefinition.Create(typeof(PixelRow));
        schema[nameof(PixelRow.Pixels)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, pixels);
        return schema;
    }

    private sealed class PixelRow
    {
        public float[] Pixels { get; set; } = [];
    }
}
