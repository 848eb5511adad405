using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using SimSid.MLNet;
using SimSid.MLNet.Columns;
using SimSid.MLNet.Modeling;
using SimSid.MLNet.Persistence;
using SimSid.MLNet.Scoring;
using SimSid.MLNet.Training;

// Lets mlContext.Model.Load find the loader by the name saved in the zip, with no registration call:
// the zip also names this assembly, which ML.NET loads and scans for these attributes.
[assembly: LoadableClass(typeof(SimSidTransformer), null, typeof(SignatureLoadModel),
    "SimSID Anomaly Detector", SimSidModelFormat.LoaderSignature)]

namespace SimSid.MLNet;

/// <summary>
/// A fitted SimSID anomaly detector (from <see cref="SimSidEstimator"/>). Adds to the data a
/// <c>Score</c> column (Single, higher = more anomalous), a <c>PredictedLabel</c> column (Boolean,
/// Score at or above <see cref="Threshold"/>) and, when asked for, the reconstruction and per-pixel anomaly
/// map. Saved with <c>mlContext.Model.Save</c> together with its weights; restored by <c>mlContext.Model.Load</c>.
/// </summary>
/// <remarks>
/// Rows are scored in batches of <see cref="ScoringBatchSize"/>. Instances are thread-safe: several cursors
/// may read a transformed view at once (calls into the model are serialised). Dispose the transformer
/// to release the model: a batch being scored finishes first, and cursors and prediction engines that
/// score afterwards fail with <see cref="ObjectDisposedException"/>.
/// <para>
/// <c>mlContext.AnomalyDetection.Evaluate</c> and <c>mlContext.BinaryClassification.EvaluateNonCalibrated</c>
/// read the <c>Score</c> column, so their AUC is SimSID's. The latter's accuracy, F1 and confusion matrix,
/// however, ignore <c>PredictedLabel</c> and call every score above 0 anomalous, which every SimSID score is;
/// compute those from <c>PredictedLabel</c> instead.
/// </para>
/// </remarks>
public sealed class SimSidTransformer : ITransformer, IDisposable
{
    private readonly IHost _host;
    private readonly SimSidTransformerSettings _settings;
    private readonly ISimSidModel _model;
    private readonly SimSidScorer _scorer;
    private volatile bool _disposed;

    internal SimSidTransformer(IHostEnvironment env, SimSidTransformerSettings settings, ISimSidModel model)
    {
        ArgumentNullException.ThrowIfNull(env);
        _host = env.Register(nameof(SimSidTransformer));
        _settings = settings;
        _model = model;
        var outputs = new SimSidOutputColumns(settings.ScoreColumnName, settings.PredictedLabelColumnName,
            settings.ReconstructionColumnName, settings.AnomalyMapColumnName, settings.ImageSize);
        _scorer = new SimSidScorer(model, settings.Threshold, outputs, Log);
    }

    private void Log(string stage)
    {
        using var channel = _host.Start(nameof(SimSidTransformer));
        channel.Stage(stage);
    }

    /// <summary>The image column read: MLImage, or a vector of <see cref="ImageSize"/>² Single pixels.</summary>
    public string InputColumnName => _settings.InputColumnName;

    /// <summary>Range of the pixel values when the input column is a vector.</summary>
    public SimSidPixelRange PixelRange => _settings.PixelRange;

    /// <summary>Side of the square grayscale images the model takes.</summary>
    public int ImageSize => _settings.ImageSize;

    /// <summary>A row is predicted anomalous when its score is at or above this.</summary>
    public float Threshold => _settings.Threshold;

    /// <summary>Rows scored per call into the model when transforming a data view.</summary>
    public int ScoringBatchSize => _settings.ScoringBatchSize;

    /// <summary>Name of the added anomaly score column.</summary>
    public string ScoreColumnName => _settings.ScoreColumnName;

    /// <summary>Name of the added predicted label column.</summary>
    public string PredictedLabelColumnName => _settings.PredictedLabelColumnName;

    /// <summary>Name of the added reconstruction column, or null when not produced.</summary>
    public string? ReconstructionColumnName => _settings.ReconstructionColumnName;

    /// <summary>Name of the added per-pixel anomaly map column (|input - reconstruction|), or null when not produced.</summary>
    public string? AnomalyMapColumnName => _settings.AnomalyMapColumnName;

    /// <summary>The model the transformer scores with.</summary>
    internal ISimSidModel Model => _model;

    /// <summary>
    /// The trained SimSID network inside this transformer, to score or inspect it without ML.NET
    /// (reconstructions, logits, calibration). Owned by the transformer: do not dispose it.
    /// </summary>
    public SimSid.Torch.SimSidModel? TorchModel => (_model as TorchSimSidModel)?.Model;

    bool ITransformer.IsRowToRowMapper => true;

    /// <summary>The input schema plus the added columns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or of the wrong type.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        BindInput(inputSchema);
        return _scorer.Outputs.AppendTo(inputSchema);
    }

    /// <summary>Scores every row of <paramref name="input"/>, lazily, a batch at a time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or of the wrong type.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new SimSidScoredDataView(input, BindInput(input.Schema), _scorer, ScoringBatchSize);
    }

    IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new SimSidRowMapper(inputSchema, BindInput(inputSchema), _scorer);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _scorer.UseModelExclusively(model => SimSidModelFormat.Save(ctx, _settings, model.Save));
    }

    // Loader for SignatureLoadModel, found through the LoadableClass attribute above.
    private static SimSidTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(ctx);
        var host = env.Register(nameof(SimSidTransformer));
        var (settings, model) = SimSidModelFormat.Load(host, ctx);
        return new SimSidTransformer(env, settings, model);
    }

    /// <summary>
    /// Releases the model, after the batch being scored (if any) is done; cursors and prediction engines of
    /// this transformer fail with <see cref="ObjectDisposedException"/> when they next score.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        _scorer.DisposeModel();
    }

    private SimSidInputColumn BindInput(DataViewSchema schema) =>
        SimSidInputColumn.Bind(schema, InputColumnName, ImageSize, PixelRange);
}
