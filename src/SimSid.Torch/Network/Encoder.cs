using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// The encoder: runs on the image's windows (batch B*P*P), a stem block then L strided blocks.
/// Records the skip of each level before it is down-sampled; the first <c>InitialCombine</c>
/// skips are stitched back into whole images, the deeper ones stay per window.
/// </summary>
public sealed class Encoder : nn.Module<Tensor, EncoderOutput>
{
    private readonly ResidualConvBlock stem;
    private readonly ModuleList<ResidualConvBlock> down;
    private readonly int grid;
    private readonly int initialCombine;

    /// <summary>Creates the encoder of the network described by <paramref name="options"/>.</summary>
    public Encoder(NetworkOptions options) : base(nameof(Encoder))
    {
        grid = options.PatchGrid;
        initialCombine = options.InitialCombine;
        stem = new ResidualConvBlock(1, options.Width(0));
        down = new ModuleList<ResidualConvBlock>(Enumerable.Range(0, options.Levels)
            .Select(i => new ResidualConvBlock(options.Width(i), options.Width(i + 1), stride: 2)).ToArray());
        RegisterComponents();
    }

    /// <summary>Encodes images (B, 1, S, S).</summary>
    public override EncoderOutput forward(Tensor image)
    {
        var x = stem.call(Windows.Split(image, grid));
        var skips = new List<Tensor>(down.Count);
        for (int i = 0; i < down.Count; i++)
        {
            skips.Add(i < initialCombine ? Windows.Merge(x, grid) : x);
            x = down[i].call(x);
        }
        return new EncoderOutput(x, skips);
    }
}

/// <summary>The encoder's bottleneck window features and its per-level skips (shallowest first).</summary>
public sealed record EncoderOutput(Tensor Bottleneck, IReadOnlyList<Tensor> Skips);
