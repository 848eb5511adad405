using static TorchSharp.torch;

namespace SimSid.Torch;

/// <summary>
/// The raw statistic of <see cref="ScoringMode.ReconstructionError"/>: the squared difference between
/// images and reconstructions, smoothed with a Gaussian of sigma S/64 pixels, and the mean of the
/// largest <see cref="TopFraction"/> of each smoothed map. Smoothing makes it measure regions rather
/// than single pixels; averaging the top of the map keeps a small lesion from being diluted by the
/// rest of the image.
/// </summary>
public static class ReconstructionErrorScore
{
    /// <summary>Fraction of each error map's pixels that is averaged.</summary>
    public const double TopFraction = 0.01;

    /// <summary>One value per image (N) of a batch of images (N, 1, S, S) and their reconstructions, on any value scale.</summary>
    public static Tensor Compute(Tensor images, Tensor reconstructions)
    {
        using var scope = NewDisposeScope();
        var flat = Map(images, reconstructions).flatten(1);
        int k = Math.Max(1, (int)(flat.shape[1] * TopFraction));
        return flat.topk(k, dim: 1).values.mean([1L]).MoveToOuterDisposeScope();
    }

    /// <summary>The smoothed squared error (N, 1, S, S) whose top the score averages.</summary>
    public static Tensor Map(Tensor images, Tensor reconstructions)
    {
        using var scope = NewDisposeScope();
        int size = (int)images.shape[^1];
        return Smooth((images - reconstructions).square(), size / 64.0).MoveToOuterDisposeScope();
    }

    /// <summary>Separable Gaussian blur of (N, 1, H, W) maps, edges replicated.</summary>
    private static Tensor Smooth(Tensor maps, double sigma)
    {
        // libtorch gives one small single-channel map to its fallback convolution, not to oneDNN as it gives a
        // batch: the fallback differs in the last bits, and on processors NNPACK does not support it logs a
        // warning at every call. So a single map is blurred as a pair and gets the batched result exactly.
        if (maps.shape[0] == 1) return Smooth(cat([maps, maps], 0), sigma).narrow(0, 0, 1);
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var offsets = arange(HeldScalars.Of(-radius), HeldScalars.Of(radius + 1), dtype: maps.dtype, device: maps.device);
        var kernel = exp(offsets.square().neg().div(HeldScalars.Of(2 * sigma * sigma)));
        kernel /= kernel.sum();
        var padded = nn.functional.pad(maps, [radius, radius, radius, radius], TorchSharp.PaddingModes.Replicate);
        var rows = nn.functional.conv2d(padded, kernel.view(1, 1, 1, -1));
        return nn.functional.conv2d(rows, kernel.view(1, 1, -1, 1));
    }
}
