namespace SimSid.Torch.Evaluation;

/// <summary>How well a score tells one finding from normal: the ROC-AUC of that finding's images against every normal image.</summary>
/// <param name="Finding">The finding's name.</param>
/// <param name="Count">Abnormal images that show it.</param>
/// <param name="Auc">ROC-AUC of those images against all normal images.</param>
public sealed record FindingAuc(string Finding, int Count, double Auc)
{
    /// <summary>
    /// The AUC of every finding named in <paramref name="findings"/> (an image may name several, separated
    /// by '/'), ordered by name; empty when no abnormal image names a finding or there is no normal image.
    /// </summary>
    /// <param name="scores">Scores, higher = more anomalous.</param>
    /// <param name="isAbnormal">Labels, in the order of the scores.</param>
    /// <param name="findings">Each image's finding names, or null; read for abnormal images only.</param>
    public static IReadOnlyList<FindingAuc> Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> isAbnormal, IReadOnlyList<string?> findings)
    {
        if (scores.Count != isAbnormal.Count || scores.Count != findings.Count)
            throw new ArgumentException($"Got {scores.Count} scores, {isAbnormal.Count} labels and {findings.Count} findings; they must match.");
        var normals = Enumerable.Range(0, scores.Count).Where(i => !isAbnormal[i]).ToList();
        if (normals.Count == 0) return [];
        var byFinding = Enumerable.Range(0, scores.Count)
            .Where(i => isAbnormal[i] && !string.IsNullOrWhiteSpace(findings[i]))
            .SelectMany(i => findings[i]!.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Select(f => (f, i)))
            .GroupBy(p => p.f, p => p.i, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        return byFinding.Select(g =>
        {
            var members = normals.Concat(g).ToList();
            double auc = RocCurve.Compute(members.Select(i => scores[i]).ToList(), members.Select(i => isAbnormal[i]).ToList()).Auc;
            return new FindingAuc(g.Key, g.Count(), auc);
        }).ToList();
    }
}
