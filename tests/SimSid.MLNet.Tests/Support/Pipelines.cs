using Microsoft.ML;

namespace SimSid.MLNet.Tests.Support;

internal static class Pipelines
{
    /// <summary>Options over a pixel-vector column with the preset whose image size is <see cref="TestImages.Side"/>.</summary>
    public static SimSidEstimator.Options VectorOptions() => new()
    {
        InputColumnName = nameof(PixelRow.Pixels),
        Preset = "tiny",
    };

    /// <summary>The estimator over a pixel-vector column, training the stand-in model.</summary>
    public static SimSidEstimator Estimator(MLContext ml, SimSidEstimator.Options? options = null, MeanImageBackend? backend = null) =>
        ml.Transforms.SimSid(options ?? VectorOptions(), backend ?? new MeanImageBackend());

    /// <summary>The estimator training the real SimSID network briefly (tiny preset, <see cref="RealEpochs"/> epochs).</summary>
    public static SimSidEstimator RealEstimator(MLContext ml, SimSidEstimator.Options? options = null)
    {
        options ??= VectorOptions();
        options.Epochs ??= RealEpochs;
        return ml.Transforms.SimSid(options);
    }

    public const int RealEpochs = 2;
}
