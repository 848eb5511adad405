using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// The training augmentation: a random affine map per image (no rotation), translation by a whole
/// number of pixels up to ±<c>translate</c> of the side and scaling in [<c>scaleMin</c>, <c>scaleMax</c>]
/// about the centre, nearest-neighbour sampling, black (-1) outside the image — as torchvision's
/// RandomAffine(0, translate, scale) on the reference's PIL images.
/// </summary>
public static class RandomAffine
{
    /// <summary>
    /// Augments images (B, 1, S, S) in [-1, 1]. The caller owns only the returned tensor: the intermediate
    /// ones are disposed here, so disposing the result (or an enclosing dispose scope) frees everything.
    /// </summary>
    /// <param name="images">The batch.</param>
    /// <param name="translate">Largest shift, as a fraction of the side.</param>
    /// <param name="scaleMin">Smallest scale factor.</param>
    /// <param name="scaleMax">Largest scale factor.</param>
    /// <param name="generator">Where the draws come from; null: torch's process-wide generator.</param>
    public static Tensor Apply(Tensor images, double translate, double scaleMin, double scaleMax, Generator? generator = null)
    {
        if (translate == 0 && scaleMin == 1 && scaleMax == 1) return images.alias();
        using var scope = NewDisposeScope();
        long batch = images.shape[0], size = images.shape[3];
        double maxShift = translate * size;
        var shift = rand(batch, 2, dtype: ScalarType.Float64, generator: generator).mul(HeldScalars.Of(2)).sub(HeldScalars.Of(1)).mul(HeldScalars.Of(maxShift)).round();
        var scale = rand(batch, dtype: ScalarType.Float64, generator: generator).mul(HeldScalars.Of(scaleMax - scaleMin)).Plus(scaleMin);

        // Output pixel p samples input (p - centre - shift) / scale + centre; in normalised coordinates
        // (align_corners = false) the centre is 0 and a shift of t pixels is 2t / size.
        var inverse = scale.reciprocal();
        var offset = shift.neg().mul(HeldScalars.Of(2.0 / size)) * inverse.unsqueeze(1);
        var zero = zeros_like(inverse);
        var theta = stack([inverse, zero, offset.select(1, 0), zero, inverse, offset.select(1, 1)], dim: 1)
            .view(batch, 2, 3).to(images.dtype).to(images.device);
        var grid = nn.functional.affine_grid(theta, [batch, 1, size, size], align_corners: false);
        var augmented = nn.functional.grid_sample(images.Plus(1), grid, GridSampleMode.Nearest, GridSamplePaddingMode.Zeros, align_corners: false)
            .sub(HeldScalars.Of(1));
        return augmented.MoveToOuterDisposeScope();
    }
}
