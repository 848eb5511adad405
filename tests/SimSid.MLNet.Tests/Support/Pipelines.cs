using Microsoft.ML;

namespace SimSid.MLNet.Tests.Support;

internal static class Pipelines
{
    public static SimSidEstimator.Options VectorOptions() => new()
    {
        InputColumnName = nameof(PixelRow.Pixels),
        ImageSize = TestImages.Side,
        Preset = "test",
    };

    /// <summary>The estimator over a pixel-vector column, training the stand-in model.</summary>
    public static SimSidEstimator Estimator(MLContext ml, SimSidEstimator.Options? options = null, MeanImageBackend? backend = null) =>
        ml.Transforms.SimSid(options ?? VectorOptions(), backend ?? new MeanImageBackend());
}
