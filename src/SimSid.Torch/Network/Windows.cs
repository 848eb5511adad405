using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// Cutting feature maps into a grid of non-overlapping windows and stitching them back.
/// Window <c>r * grid + c</c> of image <c>b</c> is row <c>b * grid * grid + r * grid + c</c> of the batch.
/// </summary>
public static class Windows
{
    /// <summary>(B, C, H, W) to (B * grid², C, H / grid, W / grid).</summary>
    public static Tensor Split(Tensor x, int grid)
    {
        if (grid == 1) return x.alias();
        long b = x.shape[0], c = x.shape[1], h = x.shape[2] / grid, w = x.shape[3] / grid;
        return x.view(b, c, grid, h, grid, w).permute(0, 2, 4, 1, 3, 5).reshape(b * grid * grid, c, h, w);
    }

    /// <summary>(B * grid², C, h, w) to (B, C, grid * h, grid * w); the inverse of <see cref="Split"/>.</summary>
    public static Tensor Merge(Tensor windows, int grid)
    {
        if (grid == 1) return windows.alias();
        long b = windows.shape[0] / (grid * grid), c = windows.shape[1], h = windows.shape[2], w = windows.shape[3];
        return windows.view(b, grid, grid, c, h, w).permute(0, 3, 1, 4, 2, 5).reshape(b, c, grid * h, grid * w);
    }
}
