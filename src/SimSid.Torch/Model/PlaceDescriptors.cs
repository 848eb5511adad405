using SimSid.Torch.Pretrained;
using static TorchSharp.torch;

namespace SimSid.Torch;

/// <summary>
/// What a <see cref="PatchMemory"/> compares: a descriptor (a vector) of every place of an image, the places
/// forming a square grid.
/// </summary>
public interface IPlaceDescriptors
{
    /// <summary>Places per row and column.</summary>
    int GridSize { get; }

    /// <summary>The descriptors (B, D, L) of images (B, 1, S, S) in [-1, 1]; L = GridSize², places row-major.</summary>
    Tensor Describe(Tensor images);
}

/// <summary>Describing the same images for several memories.</summary>
public static class PlaceDescription
{
    /// <summary>
    /// The descriptors (B, D, L) of images (B, 1, S, S) in [-1, 1] by each of <paramref name="descriptors"/>, in their
    /// order. Pretrained features of one network come from one pass of the images through it, whatever stages they read.
    /// </summary>
    public static IReadOnlyList<Tensor> Each(Tensor images, IReadOnlyList<IPlaceDescriptors> descriptors)
    {
        var described = new Tensor[descriptors.Count];
        var pretrained = descriptors.Select((d, i) => (Features: d as PretrainedFeatures, Index: i)).Where(x => x.Features is not null).ToList();
        foreach (var network in pretrained.GroupBy(x => x.Features!.Network))
        {
            var members = network.ToList();
            var parts = PretrainedFeatures.DescribeEach(images, [.. members.Select(m => m.Features!)]);
            for (int k = 0; k < members.Count; k++) described[members[k].Index] = parts[k];
        }
        for (int i = 0; i < descriptors.Count; i++)
            described[i] ??= descriptors[i].Describe(images);
        return described;
    }
}

/// <summary>
/// Pixel patches: every S/16-pixel square patch (at least 2), taken every half patch; distances are then
/// Euclidean on pixels in [-1, 1]. Images larger than the side S the patches are taken at are first averaged
/// down to it.
/// </summary>
public sealed class PixelPatches : IPlaceDescriptors
{
    private readonly int reduction;

    /// <summary>Patches of images of side <paramref name="imageSize"/>, taken at side <paramref name="side"/> (a divisor of it; default: the same).</summary>
    public PixelPatches(int imageSize, int? side = null)
    {
        int s = side ?? imageSize;
        if (s < 1 || imageSize % s != 0) throw new ArgumentException($"Patches of {imageSize}-pixel images can be taken at a side that divides it, not {s}.", nameof(side));
        reduction = imageSize / s;
        PatchSize = Math.Max(2, s / 16);
        Stride = Math.Max(1, PatchSize / 2);
        GridSize = (s - PatchSize) / Stride + 1;
    }

    /// <summary>Side of a patch in pixels.</summary>
    public int PatchSize { get; }

    /// <summary>Pixels between neighbouring patches.</summary>
    public int Stride { get; }

    /// <inheritdoc/>
    public int GridSize { get; }

    /// <inheritdoc/>
    public Tensor Describe(Tensor images) =>
        nn.functional.unfold(reduction == 1 ? images : nn.functional.avg_pool2d(images, reduction), PatchSize, stride: Stride);
}

/// <summary>
/// ImageNet features: the image, resized to 256 pixels (bilinear, about the side ImageNet networks were
/// trained at), through the first stages of a pretrained ResNet-18 (<see cref="PretrainedResNet18"/>),
/// each feature then averaged with its 3 x 3 neighbours so that a place describes its surroundings: after the
/// second stage 128 values per place on a grid of 32 x 32 places whatever the image side; after the third, 256 values
/// on a grid of 16 x 16 places (a place twice as wide, so a memory's search radius and border, counted in places,
/// reach twice as far).
/// </summary>
public sealed class PretrainedFeatures : IPlaceDescriptors
{
    /// <summary>Side of the images the network sees.</summary>
    public const int InputSize = 256;

    /// <summary>Features from <paramref name="network"/> (not owned) after its <paramref name="stage"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The network was loaded only up to an earlier stage.</exception>
    public PretrainedFeatures(PretrainedResNet18 network, ResNetStage stage = ResNetStage.Second)
    {
        network.RequireStage(stage, nameof(stage));
        Network = network;
        Stage = stage;
    }

    /// <summary>The stage whose features describe the places.</summary>
    public ResNetStage Stage { get; }

    /// <inheritdoc/>
    public int GridSize => InputSize / PretrainedResNet18.Stride(Stage);

    // Images through the network at once. A few at a time keep its largest activation (64 channels of 128 x 128 per
    // image) under glibc's 32 MB mmap threshold: larger blocks are mapped afresh, and page-faulted, on every call,
    // which made batches of 8 more than twice as slow per image as batches of 4 on 2 cores.
    private const int ImagesPerPass = 4;

    /// <inheritdoc/>
    public Tensor Describe(Tensor images) => DescribeEach(images, [this])[0];

    /// <summary>The network whose features these are (not owned).</summary>
    internal PretrainedResNet18 Network { get; }

    /// <summary>
    /// The descriptors of <paramref name="images"/> by each of <paramref name="each"/>, features of one network after any
    /// stages, from one pass of the images through it.
    /// </summary>
    /// <exception cref="ArgumentException">None, or features of different networks.</exception>
    internal static IReadOnlyList<Tensor> DescribeEach(Tensor images, IReadOnlyList<PretrainedFeatures> each)
    {
        if (each.Count == 0 || each.Any(f => f.Network != each[0].Network))
            throw new ArgumentException("Describing in one pass takes features of one network.", nameof(each));
        var stages = each.Select(f => f.Stage).Distinct().ToList();
        using var scope = NewDisposeScope();
        var parts = each.Select(_ => new List<Tensor>()).ToList();
        for (long start = 0; start < images.shape[0]; start += ImagesPerPass)
        {
            var chunk = images.narrow(0, start, Math.Min(ImagesPerPass, images.shape[0] - start));
            var resized = nn.functional.interpolate(chunk, [InputSize, InputSize], mode: InterpolationMode.Bilinear, align_corners: false);
            var features = each[0].Network.Forward(resized, stages);
            for (int i = 0; i < each.Count; i++)
            {
                var surroundings = nn.functional.avg_pool2d(features[stages.IndexOf(each[i].Stage)], 3, stride: 1, padding: 1, count_include_pad: false);
                parts[i].Add(surroundings.flatten(2));
            }
        }
        return [.. parts.Select(p => cat(p, 0).MoveToOuterDisposeScope())];
    }
}
