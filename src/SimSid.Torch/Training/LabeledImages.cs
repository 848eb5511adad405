using System.Collections;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// Images with their labels (true = abnormal), e.g. a validation split: either row-major S x S pixel arrays in
/// [0, 1], or the 8-bit images of an <see cref="ImageCache"/> (a quarter of the memory of floats, and beyond the
/// cache's budget on disk), which the caller keeps and disposes after the run. Runs read them a batch at a time.
/// </summary>
public sealed record LabeledImages
{
    private readonly ImageCache? cache;

    /// <summary>Creates a labelled set; the two lists must have the same length.</summary>
    public LabeledImages(IReadOnlyList<float[]> images, IReadOnlyList<bool> isAbnormal)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(isAbnormal);
        if (images.Count != isAbnormal.Count)
            throw new ArgumentException($"{images.Count} images but {isAbnormal.Count} labels: give one label per image.", nameof(isAbnormal));
        Images = images;
        IsAbnormal = isAbnormal;
    }

    /// <summary>
    /// Creates a labelled set of the images held in <paramref name="images"/>, in their order; the cache must
    /// outlive every run given this set.
    /// </summary>
    public LabeledImages(ImageCache images, IReadOnlyList<bool> isAbnormal)
        : this(new CachedPixels(images ?? throw new ArgumentNullException(nameof(images))), isAbnormal)
    {
        cache = images;
    }

    /// <summary>The images (for a cached set, each read back from the cache as it is asked for).</summary>
    public IReadOnlyList<float[]> Images { get; }

    /// <summary>True where the image is abnormal.</summary>
    public IReadOnlyList<bool> IsAbnormal { get; }

    /// <summary>The number of images.</summary>
    public int Count => IsAbnormal.Count;

    /// <summary>Images <paramref name="start"/>..+<paramref name="count"/> as a (count, 1, S, S) tensor in [-1, 1].</summary>
    internal Tensor Read(int start, int count, int side) =>
        cache is null ? ImageTensors.FromPixels(Images, side, start, count) : cache.Read(start, count);

    /// <summary>
    /// Checks, before a run starts, that every image is <paramref name="side"/> x <paramref name="side"/> finite pixels.
    /// </summary>
    /// <exception cref="ArgumentException">An image does not fit; the message names it.</exception>
    internal void CheckImages(int side, string paramName)
    {
        if (cache is not null)
        {
            if (cache.Side != side)
                throw new ArgumentException(
                    $"The validation images are {cache.Side}x{cache.Side}, but this model takes {side}x{side} images: load them at that side.", paramName);
            if (cache.Count != Count)
                throw new ArgumentException(
                    $"The validation cache holds {cache.Count} images but {Count} labels were given: add no images to it after labelling them.", paramName);
            return;
        }
        for (int i = 0; i < Images.Count; i++) ImageTensors.Check(Images[i], i, side, paramName);
    }

    /// <summary>A cache's images as pixel arrays, each read when asked for.</summary>
    private sealed class CachedPixels(ImageCache cache) : IReadOnlyList<float[]>
    {
        public float[] this[int index] => cache.Pixels(index);

        public int Count => cache.Count;

        public IEnumerator<float[]> GetEnumerator()
        {
            for (int i = 0; i < cache.Count; i++) yield return cache.Pixels(i);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
