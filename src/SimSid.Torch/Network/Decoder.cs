using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// A decoder: L up-sampling stages from the bottleneck back to the image, stage 0 the deepest.
/// Stage i up-samples to its skip's size and concatenates the skip only for the first
/// <c>ConcatSkipStages</c> stages; the windows are stitched into whole images before stage
/// <c>L - InitialCombine</c>. The student decoder has space-aware memories after its first
/// <c>DecoderMemoryStages</c> stages; the teacher has none. Output: conv1x1 to one channel, tanh.
/// </summary>
public sealed class Decoder : nn.Module<Tensor, IReadOnlyList<Tensor>, DecoderOutput>
{
    private readonly ModuleList<UpStage> stages;
    private readonly ModuleList<SpaceAwareMemory> memories;
    private readonly Conv2d output;
    private readonly int grid;
    private readonly int stitchBefore;

    /// <summary>Creates a decoder for <paramref name="options"/>, with or without memories.</summary>
    public Decoder(NetworkOptions options, bool withMemories) : base(nameof(Decoder))
    {
        int levels = options.Levels;
        grid = options.PatchGrid;
        stitchBefore = levels - options.InitialCombine;
        stages = new ModuleList<UpStage>(Enumerable.Range(0, levels).Select(i =>
        {
            bool concat = i < options.ConcatSkipStages;
            int input = options.Width(levels - i) + (concat ? options.Width(levels - i - 1) : 0);
            return new UpStage(input, options.Width(levels - i - 1), concat);
        }).ToArray());
        memories = new ModuleList<SpaceAwareMemory>(Enumerable.Range(0, withMemories ? options.DecoderMemoryStages : 0)
            .Select(i => new SpaceAwareMemory(options.Width(levels - i - 1), options.BottleneckSize << (i + 1),
                options.DecoderMemoryWindows, options.DecoderMemorySlots, options.DecoderMemoryTopK, options.DecoderMemoryMaskRatio))
            .ToArray());
        output = nn.Conv2d(options.Width(0), 1, 1);
        RegisterComponents();
    }

    /// <summary>The space-aware memories, one per memory stage (empty for the teacher).</summary>
    public IReadOnlyList<SpaceAwareMemory> Memories => memories.ToList();

    /// <summary>Decodes bottleneck window features with the encoder's skips (shallowest first).</summary>
    public override DecoderOutput forward(Tensor bottleneck, IReadOnlyList<Tensor> skips)
    {
        var x = bottleneck;
        var features = new List<Tensor>(stages.Count);
        for (int i = 0; i < stages.Count; i++)
        {
            if (i == stitchBefore) x = Windows.Merge(x, grid);
            x = stages[i].call(x, skips[stages.Count - 1 - i]);
            if (i < memories.Count) x = memories[i].call(x);
            features.Add(x);
        }
        return new DecoderOutput(tanh(output.call(x)), features);
    }
}

/// <summary>A decoder's image (B, 1, S, S) in [-1, 1] and the feature map after each stage.</summary>
public sealed record DecoderOutput(Tensor Image, IReadOnlyList<Tensor> StageFeatures);

/// <summary>One decoder stage: bilinear up-sampling to the skip's size, optional skip concatenation, residual block.</summary>
public sealed class UpStage : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ResidualConvBlock block;
    private readonly bool concat;

    /// <summary>Creates a stage whose block maps <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    public UpStage(int inChannels, int outChannels, bool concatSkip) : base(nameof(UpStage))
    {
        concat = concatSkip;
        block = new ResidualConvBlock(inChannels, outChannels);
    }

    /// <summary>Up-samples <paramref name="x"/> to <paramref name="skip"/>'s spatial size and applies the block.</summary>
    public override Tensor forward(Tensor x, Tensor skip)
    {
        // Channels-last features up-sample several times faster (libtorch's kernel for that layout), and the block's folded
        // convolutions take them as they are.
        var source = ScoringPass.Applies(this) ? ScoringPass.ChannelsLast(x) : x;
        var up = nn.functional.interpolate(source, [skip.shape[2], skip.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
        return block.call(concat ? cat([skip, up], dim: 1) : up);
    }
}
