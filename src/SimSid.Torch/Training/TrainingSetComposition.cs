using System.Globalization;

namespace SimSid.Torch.Training;

/// <summary>
/// Which labelled images make up the training set for a positive ratio (the paper's <c>positive_ratio</c>:
/// the share of the training set that is normal), as the reference composes it: with N normal images, the
/// first <c>floor(N * ratio)</c> normals, then the first <c>N - floor(N * ratio)</c> abnormals, so the set keeps
/// N images. A ratio of 1 gives the normal images alone. <see cref="SimSidTrainer"/> applies it to labelled
/// training images; whatever needs the same set (a baseline, calibrating imported weights) asks this type.
/// </summary>
public sealed class TrainingSetComposition
{
    private TrainingSetComposition(double positiveRatio, int[] indices, int normals, int normalsGiven, int abnormalsGiven)
    {
        PositiveRatio = positiveRatio;
        Indices = indices;
        Normals = normals;
        NormalsGiven = normalsGiven;
        AbnormalsGiven = abnormalsGiven;
    }

    /// <summary>The share of the set that is normal.</summary>
    public double PositiveRatio { get; }

    /// <summary>Positions in the labelled list of the images taken, in training-set order: the normals, then the abnormals.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Images in the set.</summary>
    public int Count => Indices.Count;

    /// <summary>Normal images taken.</summary>
    public int Normals { get; }

    /// <summary>Abnormal images taken.</summary>
    public int Abnormals => Count - Normals;

    /// <summary>Normal images in the labelled list.</summary>
    public int NormalsGiven { get; }

    /// <summary>Abnormal images in the labelled list.</summary>
    public int AbnormalsGiven { get; }

    /// <summary>Normal images left out (the last <c>N - floor(N * ratio)</c>).</summary>
    public int NormalsLeftOut => NormalsGiven - Normals;

    /// <summary>Abnormal images left out.</summary>
    public int AbnormalsLeftOut => AbnormalsGiven - Abnormals;

    /// <summary>Composes the training set from images labelled <paramref name="isAbnormal"/> (true = abnormal), in their order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ratio is outside (0, 1].</exception>
    /// <exception cref="ArgumentException">There are fewer abnormal images than the ratio needs.</exception>
    public static TrainingSetComposition Of(IReadOnlyList<bool> isAbnormal, double positiveRatio)
    {
        ArgumentNullException.ThrowIfNull(isAbnormal);
        if (!(positiveRatio > 0 && positiveRatio <= 1))
            throw new ArgumentOutOfRangeException(nameof(positiveRatio), positiveRatio,
                "The positive ratio (share of normal training images) must be in (0, 1].");

        var normals = Enumerable.Range(0, isAbnormal.Count).Where(i => !isAbnormal[i]).ToList();
        var abnormals = Enumerable.Range(0, isAbnormal.Count).Where(i => isAbnormal[i]).ToList();
        int total = normals.Count;
        int normalCount = (int)(total * positiveRatio);
        int abnormalCount = total - normalCount;
        if (abnormalCount > abnormals.Count)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "A positive ratio of {0} with {1} normal training images needs {2} abnormal training images, but only {3} are given. " +
                "Add abnormal images to the training set or raise the positive ratio (1 trains on the normal images alone).",
                positiveRatio, total, abnormalCount, abnormals.Count));

        return new TrainingSetComposition(positiveRatio, [.. normals.Take(normalCount), .. abnormals.Take(abnormalCount)],
            normalCount, normals.Count, abnormals.Count);
    }

    /// <summary>The items at <see cref="Indices"/>: the training set drawn from the labelled list the composition was made for.</summary>
    /// <exception cref="ArgumentException"><paramref name="items"/> is not as long as that list.</exception>
    public IReadOnlyList<T> Take<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count != NormalsGiven + AbnormalsGiven)
            throw new ArgumentException($"The composition was made for {NormalsGiven + AbnormalsGiven} labelled images, but {items.Count} are given.", nameof(items));
        return Indices.Select(i => items[i]).ToList();
    }
}
