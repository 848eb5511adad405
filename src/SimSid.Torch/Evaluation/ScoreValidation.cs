using System.Globalization;

namespace SimSid.Torch.Evaluation;

/// <summary>Checks anomaly scores and labels before any metric is computed.</summary>
internal static class ScoreValidation
{
    /// <summary>Requires a non-empty list of finite scores.</summary>
    public static void RequireFiniteScores(IReadOnlyList<double> scores, string paramName, string purpose)
    {
        ArgumentNullException.ThrowIfNull(scores, paramName);
        if (scores.Count == 0)
        {
            throw new ArgumentException(
                $"No scores were given: {purpose} needs at least one anomaly score.", paramName);
        }

        for (var i = 0; i < scores.Count; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException(
                    $"Score at index {i} is {scores[i].ToString(CultureInfo.InvariantCulture)}: anomaly scores must be finite numbers " +
                    "(a NaN or infinite score usually means the scoring step diverged or read a broken image).",
                    paramName);
            }
        }
    }

    /// <summary>Requires finite scores and exactly one label per score.</summary>
    public static void RequireScoresWithLabels(
        IReadOnlyList<double> scores, IReadOnlyList<bool> labels, string purpose)
    {
        ArgumentNullException.ThrowIfNull(labels);
        RequireFiniteScores(scores, nameof(scores), purpose);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException(
                $"Got {scores.Count} scores but {labels.Count} labels: {purpose} needs exactly one label " +
                "(true = abnormal) per score, in the same order.", nameof(labels));
        }
    }

    /// <summary>Requires at least one normal (false) and one abnormal (true) label.</summary>
    public static void RequireBothClasses(IReadOnlyList<bool> labels, string purpose)
    {
        var abnormal = labels.Count(label => label);
        if (abnormal == 0 || abnormal == labels.Count)
        {
            var only = abnormal == 0 ? "normal (false)" : "abnormal (true)";
            throw new ArgumentException(
                $"All {labels.Count} labels are {only}: {purpose} is undefined with a single class. " +
                "Both classes are needed: at least one normal and one abnormal case.", nameof(labels));
        }
    }
}
