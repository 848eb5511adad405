namespace SimSid.Torch.Training;

/// <summary>Images (row-major S x S pixels in [0, 1]) with their labels (true = abnormal), e.g. a validation split.</summary>
public sealed record LabeledImages
{
    /// <summary>Creates a labelled set; the two lists must have the same length.</summary>
    public LabeledImages(IReadOnlyList<float[]> images, IReadOnlyList<bool> isAbnormal)
    {
        if (images.Count != isAbnormal.Count)
            throw new ArgumentException($"{images.Count} images but {isAbnormal.Count} labels: give one label per image.", nameof(isAbnormal));
        Images = images;
        IsAbnormal = isAbnormal;
    }

    /// <summary>The images.</summary>
    public IReadOnlyList<float[]> Images { get; }

    /// <summary>True where the image is abnormal.</summary>
    public IReadOnlyList<bool> IsAbnormal { get; }
}
