using Microsoft.ML;
using Microsoft.ML.Data;

namespace SimSid.MLNet.Tests.Support;

internal static class Scored
{
    public static float[] Scores(IDataView data, string column = "Score") =>
        data.GetColumn<float>(column).ToArray();

    public static bool[] Bools(IDataView data, string column) =>
        data.GetColumn<bool>(column).ToArray();

    public static float[][] Vectors(IDataView data, string column) =>
        data.GetColumn<float[]>(column).ToArray();

    /// <summary>Area under the ROC curve (anomalous = positive), counting ties as half.</summary>
    public static double Auc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            if (!labels[i])
                continue;
            for (int j = 0; j < scores.Count; j++)
            {
                if (labels[j])
                    continue;
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }
}
