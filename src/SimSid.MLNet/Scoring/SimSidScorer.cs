using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.MLNet.Columns;
using SimSid.MLNet.Modeling;

namespace SimSid.MLNet.Scoring;

/// <summary>
/// Scores batches with one model and serves the output columns' values. Shared by every cursor of a
/// transformer: calls into the model, and its disposal, are serialised; everything else is per cursor. Work of a
/// minute or more before a score (<see cref="ISimSidModel.PrepareToScore"/>) is told to <paramref name="log"/> first.
/// </summary>
internal sealed class SimSidScorer(ISimSidModel model, float threshold, SimSidOutputColumns outputs, Action<string> log)
{
    private readonly object _modelLock = new();
    private bool _modelDisposed;

    public SimSidOutputColumns Outputs { get; } = outputs;

    public float Threshold { get; } = threshold;

    public ScoredBatch Score(IReadOnlyList<float[]> images)
    {
        SimSidBatchScores result;
        lock (_modelLock)
        {
            ThrowIfModelDisposed();
            model.PrepareToScore(log);
            result = model.Score(images, Outputs.NeedsReconstructions);
        }

        int pixels = model.ImageSize * model.ImageSize;
        if (result.Scores.Length != images.Count || result.IsAnomalous.Length != images.Count)
            throw new InvalidOperationException($"The SimSID model returned {result.Scores.Length} scores for {images.Count} images.");
        if (Outputs.NeedsReconstructions && !(OnePerImage(result.Reconstructions) && OnePerImage(result.AnomalyMaps)))
            throw new InvalidOperationException(
                $"The SimSID model did not return one reconstruction and one anomaly map of {pixels} pixels for each of the {images.Count} images.");
        return new ScoredBatch(images, result.Scores, result.IsAnomalous, result.Reconstructions, result.AnomalyMaps);

        bool OnePerImage(IReadOnlyList<float[]>? maps) => maps is not null && maps.Count == images.Count && maps.All(m => m.Length == pixels);
    }

    /// <summary>Runs <paramref name="action"/> on the model while no batch is being scored.</summary>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public void UseModelExclusively(Action<ISimSidModel> action)
    {
        lock (_modelLock)
        {
            ThrowIfModelDisposed();
            action(model);
        }
    }

    /// <summary>
    /// Disposes the model once no batch is being scored (a batch in progress finishes first); every later
    /// call into the model fails with <see cref="ObjectDisposedException"/> instead of reaching it.
    /// </summary>
    public void DisposeModel()
    {
        lock (_modelLock)
        {
            if (_modelDisposed)
                return;
            _modelDisposed = true;
            model.Dispose();
        }
    }

    private void ThrowIfModelDisposed()
    {
        if (_modelDisposed)
            throw new ObjectDisposedException(nameof(SimSidTransformer),
                "The SimSID transformer was disposed, which released its model: its data views, cursors and prediction engines " +
                "cannot score any more rows. Dispose the transformer only after everything that reads its output is done.");
    }

    /// <summary>
    /// Creates the getter of added column <paramref name="outputIndex"/> (an index into
    /// <see cref="SimSidOutputColumns.Columns"/>); <paramref name="current"/> gives the batch and
    /// offset of the row the cursor is on.
    /// </summary>
    public Delegate CreateGetter(int outputIndex, Func<(ScoredBatch Batch, int Offset)> current)
    {
        string name = Outputs.Columns[outputIndex].Name;
        if (name == Outputs.Score)
            return (ValueGetter<float>)((ref float value) =>
            {
                var (batch, offset) = current();
                value = batch.Scores[offset];
            });
        if (name == Outputs.PredictedLabel)
            return (ValueGetter<bool>)((ref bool value) =>
            {
                var (batch, offset) = current();
                value = batch.IsAnomalous[offset];
            });
        if (name == Outputs.Reconstruction)
            return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var (batch, offset) = current();
                var editor = VBufferEditor.Create(ref value, batch.Reconstructions![offset].Length);
                batch.Reconstructions[offset].CopyTo(editor.Values);
                value = editor.Commit();
            });
        if (name != Outputs.AnomalyMap)
            throw new ArgumentOutOfRangeException(nameof(outputIndex), outputIndex, $"'{name}' is not a SimSID output column.");
        return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
        {
            var (batch, offset) = current();
            var map = batch.AnomalyMaps![offset];
            var editor = VBufferEditor.Create(ref value, map.Length);
            map.CopyTo(editor.Values);
            value = editor.Commit();
        });
    }

    /// <summary>Casts a getter to the type the caller asked for, or says what the column holds.</summary>
    public static ValueGetter<TValue> Typed<TValue>(Delegate getter, DataViewSchema.Column column) =>
        getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' holds {column.Type} values; a getter of {typeof(TValue).Name} cannot read it.");
}
