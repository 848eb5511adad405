using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// Space-aware memory after a decoder stage: each window's feature map is cut into sub-windows and
/// every sub-window is replaced by its reading from the memory of THAT sub-window position.
/// </summary>
public sealed class SpaceAwareMemory : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<MemoryMatrix> windows;
    private readonly int grid;
    private readonly double maskRatio;

    /// <summary>
    /// Creates <paramref name="windowCount"/> memories (a perfect square) over feature maps of
    /// <paramref name="channels"/> x <paramref name="side"/> x <paramref name="side"/>.
    /// </summary>
    public SpaceAwareMemory(int channels, int side, int windowCount, int slots, int topK, double maskRatio) : base(nameof(SpaceAwareMemory))
    {
        grid = (int)Math.Round(Math.Sqrt(windowCount));
        int sub = side / grid;
        this.maskRatio = maskRatio;
        windows = new ModuleList<MemoryMatrix>(Enumerable.Range(0, windowCount).Select(_ => new MemoryMatrix(slots, channels * sub * sub, topK)).ToArray());
        RegisterComponents();
    }

    /// <summary>The memory of each sub-window position.</summary>
    public IReadOnlyList<MemoryMatrix> Memories => windows.ToList();

    /// <summary>Reads (B, C, H, W) features from the memories: returns (B, C, H, W).</summary>
    public override Tensor forward(Tensor x)
    {
        long b = x.shape[0], c = x.shape[1];
        var parts = Windows.Split(x, grid);
        long h = parts.shape[2], w = parts.shape[3];
        var vectors = parts.reshape(b, windows.Count, -1);
        var readings = SlotMemory.ReadEach(windows, vectors);
        var output = Windows.Merge(readings.reshape(b * windows.Count, c, h, w), grid);
        return MaskedShortcut.Apply(output, x, maskRatio, training);
    }
}
