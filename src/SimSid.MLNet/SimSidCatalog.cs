using Microsoft.ML.Data;
using SimSid.MLNet;
using SimSid.MLNet.Modeling;

namespace Microsoft.ML;

/// <summary>Adds <c>mlContext.Transforms.SimSid(...)</c>.</summary>
public static class SimSidCatalog
{
    /// <summary>Default input column name, <c>Image</c> (ML.NET names no default image column).</summary>
    public const string DefaultInputColumnName = "Image";

    /// <summary>Default label column name: ML.NET's, <c>Label</c>.</summary>
    public const string DefaultLabelColumnName = DefaultColumnNames.Label;

    /// <summary>Default score column name: ML.NET's, <c>Score</c>.</summary>
    public const string DefaultScoreColumnName = DefaultColumnNames.Score;

    /// <summary>Default predicted label column name: ML.NET's, <c>PredictedLabel</c>.</summary>
    public const string DefaultPredictedLabelColumnName = DefaultColumnNames.PredictedLabel;

    /// <summary>
    /// Creates a SimSID anomaly detector: trained on the normal images of the data, it adds a
    /// <c>Score</c> column (Single, higher = more anomalous) and a <c>PredictedLabel</c> column (Boolean).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="inputColumnName">
    /// The image column: <c>MLImage</c> (any size and colour), or a vector of
    /// S² Single grayscale pixels in [0, 1], S being the preset's image size.
    /// </param>
    /// <param name="labelColumnName">Boolean label column (true = anomalous); when present only rows labelled false are trained on.</param>
    /// <param name="preset">
    /// Name of the SimSID preset: cpu (the CPU recipe), zhang (the paper's, GPU work), chexpert, covidx, small or tiny;
    /// null (the default) for the device's recipe: cpu on a CPU, zhang on a CUDA device.
    /// </param>
    /// <param name="epochs">Training epochs; null for the preset's number.</param>
    /// <param name="scoreColumnName">Name of the added score column.</param>
    /// <param name="predictedLabelColumnName">Name of the added predicted label column.</param>
    public static SimSidEstimator SimSid(this TransformsCatalog catalog,
        string inputColumnName = DefaultInputColumnName,
        string labelColumnName = DefaultLabelColumnName,
        string? preset = null,
        int? epochs = null,
        string scoreColumnName = DefaultScoreColumnName,
        string predictedLabelColumnName = DefaultPredictedLabelColumnName)
        => catalog.SimSid(new SimSidEstimator.Options
        {
            InputColumnName = inputColumnName,
            LabelColumnName = labelColumnName,
            Preset = preset,
            Epochs = epochs,
            ScoreColumnName = scoreColumnName,
            PredictedLabelColumnName = predictedLabelColumnName,
        });

    /// <summary>Creates a SimSID anomaly detector with all of its options.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options; see <see cref="SimSidEstimator.Options"/>.</param>
    public static SimSidEstimator SimSid(this TransformsCatalog catalog, SimSidEstimator.Options options)
        => catalog.SimSid(options, SimSidModelBackends.Default);

    /// <summary>Creates a SimSID anomaly detector that trains with <paramref name="backend"/>.</summary>
    internal static SimSidEstimator SimSid(this TransformsCatalog catalog, SimSidEstimator.Options options, ISimSidModelBackend backend)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SimSidEstimator(catalog.GetEnvironment(), options, backend);
    }
}
