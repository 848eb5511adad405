using Microsoft.ML;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

/// <summary>Disposing a transformer while its data views are read.</summary>
public sealed class DisposeTests
{
    private const string DisposedMessage = "The SimSID transformer was disposed";

    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public async Task Dispose_WhileACursorScoresABatch_WaitsForTheBatch_ThenTheCursorFailsAsDisposed()
    {
        var backend = new MeanImageBackend();
        var options = Pipelines.VectorOptions();
        options.ScoringBatchSize = 4;
        var rows = TestImages.Rows(normal: 10, anomalous: 2);
        var transformer = Pipelines.Estimator(_ml, options, backend).Fit(_ml.Data.LoadFromEnumerable(rows));
        var model = backend.LastTrained!;
        var scored = transformer.Transform(_ml.Data.LoadFromEnumerable(rows));
        using var gate = new ManualResetEventSlim();
        model.ScoringGate = gate;
        using var cursor = scored.GetRowCursor(scored.Schema);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);

        var firstRow = Task.Run(cursor.MoveNext);
        Assert.True(model.ScoringStarted.Wait(TimeSpan.FromSeconds(30)), "the cursor never started scoring");
        var dispose = Task.Run(transformer.Dispose);

        var firstToEnd = await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.False(firstToEnd == dispose, "Dispose returned while a batch was being scored");
        Assert.False(model.Disposed);
        gate.Set();
        Assert.True(await firstRow.WaitAsync(TimeSpan.FromSeconds(30)));
        await dispose.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(model.Disposed);
        Assert.False(model.DisposedWhileScoring);

        // The batch scored before the transformer was disposed is still read; the next one is refused.
        var firstBatch = new List<float>();
        for (int row = 0; row < 4; row++)
        {
            if (row > 0) Assert.True(cursor.MoveNext());
            float value = 0;
            score(ref value);
            firstBatch.Add(value);
        }
        Assert.Equal(rows.Take(4).Select(r => model.ScoreOf(r.Pixels)), firstBatch);
        var error = Assert.Throws<ObjectDisposedException>(() => cursor.MoveNext());
        Assert.Contains(DisposedMessage, error.Message);
        Assert.Equal([4], model.ScoredBatchSizes);
    }

    [Fact]
    public void PredictionEngine_AfterTheTransformerIsDisposed_FailsAsDisposed_WithoutCallingTheModel()
    {
        var backend = new MeanImageBackend();
        var rows = TestImages.Rows(normal: 6, anomalous: 1);
        var transformer = Pipelines.Estimator(_ml, backend: backend).Fit(_ml.Data.LoadFromEnumerable(rows));
        var engine = _ml.Model.CreatePredictionEngine<PixelRow, ScoredRow>(transformer);
        Assert.Equal(backend.LastTrained!.ScoreOf(rows[0].Pixels), engine.Predict(rows[0]).Score);

        transformer.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => engine.Predict(rows[1]));
        Assert.Contains(DisposedMessage, error.Message);
        Assert.Equal([1], backend.LastTrained.ScoredBatchSizes);
    }
}

/// <summary>Disposing a transformer around the real network while a data view of it is read.</summary>
[Collection(RealNetworkCollection.Name)]
public sealed class RealNetworkDisposeTests(TrainedTinyNetwork trained)
{
    [Fact]
    public void Cursor_OfADisposedRealNetworkTransformer_FailsAsDisposed()
    {
        var ml = new MLContext(seed: 3);
        var transformer = ml.Model.Load(trained.ZipPath, out _);
        var scored = transformer.Transform(ml.Data.LoadFromEnumerable(trained.TestRows));
        using var cursor = scored.GetRowCursor(scored.Schema);

        ((IDisposable)transformer).Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => cursor.MoveNext());
        Assert.Contains("The SimSID transformer was disposed", error.Message);
    }
}
