using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.Torch.Evaluation;

namespace SimSid.MLNet.Tests.Support;

internal static class Scored
{
    public static float[] Scores(IDataView data, string column = "Score") =>
        data.GetColumn<float>(column).ToArray();

    public static bool[] Bools(IDataView data, string column) =>
        data.GetColumn<bool>(column).ToArray();

    public static float[][] Vectors(IDataView data, string column) =>
        data.GetColumn<float[]>(column).ToArray();

    /// <summary>SimSid.Torch's area under the ROC curve (anomalous = positive).</summary>
    public static double Auc(IEnumerable<float> scores, IReadOnlyList<bool> labels) =>
        RocCurve.Compute(scores.Select(s => (double)s).ToArray(), labels).Auc;
}
