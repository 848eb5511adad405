using Microsoft.ML;
using Microsoft.ML.Runtime;
using SimSid.MLNet.Columns;
using SimSid.MLNet.Modeling;
using SimSid.MLNet.Training;
using SimSid.Torch;

namespace SimSid.MLNet;

/// <summary>
/// Trains a SimSID unsupervised anomaly detector on images of normal cases and yields a
/// <see cref="SimSidTransformer"/>. Create it with <c>mlContext.Transforms.SimSid(...)</c>.
/// </summary>
/// <remarks>
/// <see cref="Fit"/> trains, when the data has the Boolean label column, on the training set composed from the
/// labelled rows by the preset's positive ratio (<see cref="TrainingOptions.PositiveRatio"/>: 1, the <c>zhang</c>
/// preset's, takes the rows labelled false (normal) alone; below 1 the first rows labelled true make up the
/// rest, as the paper's contaminated training), otherwise on all rows, and reports progress through <c>MLContext.Log</c> and
/// <see cref="Options.ProgressCallback"/>. Training stops with <see cref="OperationCanceledException"/>
/// when <see cref="Options.CancellationToken"/> is cancelled or when the <c>MLContext</c>'s execution is
/// cancelled (as AutoML does).
/// </remarks>
public sealed partial class SimSidEstimator : IEstimator<SimSidTransformer>
{
    private readonly IHost _host;
    private readonly Options _options;
    private readonly ISimSidModelBackend _backend;
    private readonly SimSidOutputColumns _outputs;
    private readonly SimSidOptions _modelOptions;

    internal SimSidEstimator(IHostEnvironment env, Options options, ISimSidModelBackend backend)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backend);
        _host = env.Register(nameof(SimSidEstimator));
        _options = options;
        _backend = backend;
        _modelOptions = Validate(options);
        _outputs = new SimSidOutputColumns(options.ScoreColumnName, options.PredictedLabelColumnName,
            options.ReconstructionColumnName, options.AnomalyMapColumnName, ImageSize);
    }

    /// <summary>Side of the square grayscale images the model takes (fixed by the preset).</summary>
    public int ImageSize => _modelOptions.InputSize;

    /// <summary>The SimSID options the model is trained with: the preset with the overrides applied.</summary>
    public SimSidOptions ModelOptions => _modelOptions;

    /// <summary>The input schema shape plus the columns the fitted transformer adds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or of the wrong type.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SimSidInputColumn.Check(inputSchema, _options.InputColumnName, ImageSize);
        return _outputs.AppendTo(inputSchema);
    }

    /// <summary>Trains a model on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input or label column is missing or of the wrong type.</exception>
    /// <exception cref="InvalidOperationException">The data has no normal rows to train on, or fewer rows labelled anomalous than the positive ratio needs.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public SimSidTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = SimSidInputColumn.Bind(input.Schema, _options.InputColumnName, ImageSize, _options.PixelRange);
        string? label = _options.TrainOnAllRows ? null : _options.LabelColumnName;

        using var channel = _host.Start("Training");
        using var rows = ReadRows(channel, input, column, label);
        channel.Info("SimSID: training preset '{0}' at {1}x{1} on {2} images for {3} on {4}.",
            _modelOptions.Preset, ImageSize, rows.Images.Count, _modelOptions.Training.DescribeEpochs(rows.Images.Count), _modelOptions.Device);
        if (_options.Preset is null && _options.ModelOptions is null)
            channel.Info("SimSID: no preset was named, so the recipe for {0} was chosen: '{1}' ({2}). Name a preset (Options.Preset) to choose another.",
                _modelOptions.Device, _modelOptions.Preset,
                _modelOptions.Preset == "cpu" ? "the CPU recipe" : "the paper's configuration");
        if (ManagedJit.HostHint(_modelOptions.Device) is { } hint) channel.Info("SimSID: {0}", hint);

        using var cancellation = new HostCancellation(_host, _options.CancellationToken);
        var progress = new TrainingProgressReporter(channel, _options.ProgressCallback, _options.StageCallback);
        var model = _backend.Train(_modelOptions, rows, progress, cancellation.Token);
        if (model.ImageSize != ImageSize)
        {
            model.Dispose();
            throw new InvalidOperationException(
                $"The SimSID backend '{_backend.Id}' trained a model for {model.ImageSize}x{model.ImageSize} images; {ImageSize}x{ImageSize} was asked for.");
        }
        channel.Info("SimSID: training done; decision threshold {0}.", model.Threshold);
        if (_modelOptions.Scoring.ChooseModeOnValidation && rows.Validation is null)
            channel.Info("SimSID: no validation data to choose the score on, so the model scores with the preset's default, the {0}. Pass ValidationData, " +
                "or anomalous rows among the training rows, to choose the score, the epoch and the threshold on your own data.", _modelOptions.Scoring.Mode.Describe());
        if (model.ValidationSummary is var (text, weak))
        {
            if (weak) channel.Warning("SimSID: {0}", text);
            else channel.Info("SimSID: {0}", text);
        }

        var transformerSettings = new SimSidTransformerSettings(_options.InputColumnName, _options.PixelRange, ImageSize,
            _options.ScoringBatchSize, _options.ScoreColumnName, _options.PredictedLabelColumnName,
            _options.ReconstructionColumnName, _options.AnomalyMapColumnName, model.Threshold, _backend.Id);
        return new SimSidTransformer(_host, transformerSettings, model);
    }

    private static SimSidOptions Validate(Options options)
    {
        static void Check(bool ok, string name, object? value, string rule)
        {
            if (!ok)
                throw new ArgumentOutOfRangeException($"{nameof(Options)}.{name}", value, $"SimSID option {name} {rule}.");
        }

        Check(!string.IsNullOrWhiteSpace(options.InputColumnName), nameof(Options.InputColumnName), options.InputColumnName, "must name a column");
        Check(options.TrainOnAllRows || !string.IsNullOrWhiteSpace(options.LabelColumnName), nameof(Options.LabelColumnName),
            options.LabelColumnName, "must name a column (or set TrainOnAllRows)");
        Check(Enum.IsDefined(options.PixelRange), nameof(Options.PixelRange), options.PixelRange, "must be ZeroToOne or ZeroTo255");
        Check(options.Preset is null || !string.IsNullOrWhiteSpace(options.Preset), nameof(Options.Preset), options.Preset,
            "must name a preset, or be null for the device's recipe");
        Check(options.Epochs is null or > 0, nameof(Options.Epochs), options.Epochs, "must be positive or null");
        Check(options.BatchSize is null or > 0, nameof(Options.BatchSize), options.BatchSize, "must be positive or null");
        Check(options.ScoringBatchSize > 0, nameof(Options.ScoringBatchSize), options.ScoringBatchSize, "must be positive");
        try
        {
            return options.ResolveModelOptions();
        }
        catch (SimSidOptionsException e)
        {
            // Presets are valid and Epochs/BatchSize are checked above, so without ModelOptions only Device can be wrong.
            string option = options.ModelOptions is null ? nameof(Options.Device) : nameof(Options.ModelOptions);
            string what = options.ModelOptions is null ? option : $"{option}, with the Epochs, BatchSize, Seed, Device and Scoring overrides applied,";
            throw new ArgumentOutOfRangeException($"{nameof(Options)}.{option}", $"SimSID option {what} is invalid. {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new ArgumentOutOfRangeException($"{nameof(Options)}.{nameof(Options.Preset)}", options.Preset, e.Message);
        }
    }

    private TrainingRows ReadRows(IChannel channel, IDataView input, SimSidInputColumn column, string? label)
    {
        bool lend = _options.LendValidationRows && _modelOptions.Scoring.ChooseModeOnValidation;
        var validation = _options.ValidationData is not { } data ? null : new ValidationSource(data,
            SimSidInputColumn.Bind(data.Schema, _options.InputColumnName, ImageSize, _options.PixelRange), _options.LabelColumnName);
        return TrainingSetReader.Read(_host, channel, input, column, label, _modelOptions.Training.PositiveRatio, _options.ImageCacheBytes, lend, validation);
    }
}
