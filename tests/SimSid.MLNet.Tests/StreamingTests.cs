using Microsoft.ML;
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
}
