using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

/// <summary>
/// Scoring a data view of any length streams: the source is read by cursors (the transformer's main cursor and
/// its look-ahead one), each at most a batch ahead of the reader, never all at once.
/// </summary>
public sealed class StreamingTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void ScoringALazilyGeneratedView_DrawsRowsOnlyABatchAheadOfTheReader_AndScoresEveryRow()
    {
        const int Rows = 20_000, Batch = 16;
        var options = Pipelines.VectorOptions();
        options.ScoringBatchSize = Batch;
        var transformer = Pipelines.Estimator(_ml, options).Fit(_ml.Data.LoadFromEnumerable(TestImages.Rows(normal: 12, anomalous: 0)));
        var template = TestImages.Rows(normal: 1, anomalous: 1, seed: 5);
        var drawn = new List<int>();
        IEnumerable<PixelRow> Generate()
        {
            int pass = drawn.Count;
            drawn.Add(0);
            for (int i = 0; i < Rows; i++)
            {
                drawn[pass]++;
                yield return template[i % 2];
            }
        }
        var scored = transformer.Transform(_ml.Data.LoadFromEnumerable(Generate()));

        using var cursor = scored.GetRowCursor(scored.Schema);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        int read = 0, mostAhead = 0;
        var scores = new HashSet<float>();
        while (cursor.MoveNext())
        {
            float value = 0;
            score(ref value);
            scores.Add(value);
            read++;
            mostAhead = Math.Max(mostAhead, drawn.Max() - read);
        }

        Assert.Equal(Rows, read);
        Assert.InRange(drawn.Count, 1, 2);
        Assert.All(drawn, rows => Assert.Equal(Rows, rows));
        Assert.InRange(mostAhead, 0, Batch);
        Assert.Equal(2, scores.Count);
    }

    /// <summary>A labelled row that counts how often its image is read.</summary>
    private sealed class CountingRow(float[] pixels, bool label, int[] reads)
    {
        [VectorType(TestImages.PixelCount)]
        public float[] Pixels
        {
            get
            {
                Interlocked.Increment(ref reads[0]);
                return pixels;
            }
        }

        public bool Label { get; } = label;
    }

    [Fact]
    public void Training_ReadsTheLabelsFirst_AndThenOnlyTheImagesOfTheTrainingSet()
    {
        var reads = new int[1];
        var rows = TestImages.Rows(normal: 20, anomalous: 30).Select(r => new CountingRow(r.Pixels, r.Label, reads)).ToList();
        var backend = new MeanImageBackend();

        Pipelines.Estimator(_ml, Pipelines.VectorOptions(), backend).Fit(_ml.Data.LoadFromEnumerable(rows));

        // The 30 anomalous rows are left out at positive ratio 1, so their images are never read.
        Assert.Equal(20, backend.LastTraining!.Value.ImageCount);
        Assert.Equal(20, reads[0]);
    }

    [Fact]
    public void Training_HoldsItsImagesInTheCacheBudget_TheRestOnDisk_AndTrainsOnTheSameImages()
    {
        var rows = TestImages.Rows(normal: 24, anomalous: 0);
        float[] MeanWithCache(long bytes)
        {
            var options = Pipelines.VectorOptions();
            options.ImageCacheBytes = bytes;
            var backend = new MeanImageBackend();
            Pipelines.Estimator(_ml, options, backend).Fit(_ml.Data.LoadFromEnumerable(rows));
            return [.. backend.LastTrained!.Mean];
        }

        Assert.Equal(MeanWithCache(1L << 20), MeanWithCache(5 * TestImages.PixelCount));
        Assert.Equal(MeanWithCache(1L << 20), MeanWithCache(0));
    }
}
