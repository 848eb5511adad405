namespace SimSid.Data.Tests.Support;

/// <summary>Area under the ROC curve (Mann-Whitney U statistic, ties counted half).</summary>
public static class RocAuc
{
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> abnormal)
    {
        var positives = scores.Where((_, i) => abnormal[i]).ToArray();
        var negatives = scores.Where((_, i) => !abnormal[i]).ToArray();
        double wins = 0;
        foreach (double p in positives)
        {
            foreach (double n in negatives)
            {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }

        return wins / (positives.Length * (double)negatives.Length);
    }
}
