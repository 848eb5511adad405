namespace SimSid.Data.Datasets;

/// <summary>
/// Builds a training set with a given share of normal images, as the reference's
/// <c>positive_ratio</c> does: with N normal training images, it takes the first
/// <c>floor(N * ratio)</c> normals and the first <c>N - floor(N * ratio)</c> abnormals, so the
/// set keeps N images. A ratio of 1 gives the normal images alone.
/// </summary>
public static class TrainingSetComposer
{
    /// <summary>Composes the training set.</summary>
    /// <param name="normals">The normal training images, in order.</param>
    /// <param name="abnormals">The abnormal images available for contamination, in order.</param>
    /// <param name="positiveRatio">Fraction of the set that is normal, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The ratio is outside (0, 1].</exception>
    /// <exception cref="ArgumentException">There are fewer abnormal images than the ratio asks for.</exception>
    public static IReadOnlyList<RadiographRecord> Compose(
        IReadOnlyList<RadiographRecord> normals, IReadOnlyList<RadiographRecord> abnormals, double positiveRatio)
    {
        ArgumentNullException.ThrowIfNull(normals);
        ArgumentNullException.ThrowIfNull(abnormals);
        if (!(positiveRatio > 0 && positiveRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(positiveRatio), positiveRatio, "The positive ratio (share of normal training images) must be in (0, 1].");
        }

        int total = normals.Count;
        int normalCount = (int)(total * positiveRatio);
        int abnormalCount = total - normalCount;
        if (abnormalCount > abnormals.Count)
        {
            throw new ArgumentException(
                $"A positive ratio of {positiveRatio} with {total} normal training images needs {abnormalCount} " +
                $"abnormal training images, but only {abnormals.Count} are available. Add abnormal images to the " +
                "training split or raise the ratio.",
                nameof(abnormals));
        }

        return [.. normals.Take(normalCount), .. abnormals.Take(abnormalCount)];
    }
}
