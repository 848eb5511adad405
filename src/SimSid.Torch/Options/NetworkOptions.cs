namespace SimSid.Torch;

/// <summary>
/// Architecture of the SimSID generator and discriminator. Defaults are the ZhangLab configuration
/// of the paper (S=128, fr=32, L=4, P=2). See <see cref="SimSidPresets"/> for the other configurations.
/// </summary>
public sealed record NetworkOptions
{
    /// <summary>Side S of the square, single-channel input image in pixels.</summary>
    public int ImageSize { get; init; } = 128;

    /// <summary>Base channel width fr (features_root); encoder widths are fr, 2fr, 4fr, 8fr, 16fr.</summary>
    public int FeaturesRoot { get; init; } = 32;

    /// <summary>Number of encoder down-sampling levels L (and of decoder stages).</summary>
    public int Levels { get; init; } = 4;

    /// <summary>Side P of the grid of non-overlapping windows the image is cut into (num_patch).</summary>
    public int PatchGrid { get; init; } = 2;

    /// <summary>
    /// Number of shallow levels whose skips are stitched back into whole images (initial_combine);
    /// the decoder stitches its windows before stage <c>Levels - InitialCombine</c>.
    /// </summary>
    public int InitialCombine { get; init; } = 2;

    /// <summary>
    /// Number of deepest decoder stages that concatenate their skip (ops = concat for these, none for the rest).
    /// </summary>
    public int ConcatSkipStages { get; init; } = 2;

    /// <summary>Number of deepest decoder stages followed by a space-aware memory (decoder_memory = V1).</summary>
    public int DecoderMemoryStages { get; init; } = 2;

    /// <summary>Number of sub-windows (and memories) per decoder memory; a perfect square (num_memory).</summary>
    public int DecoderMemoryWindows { get; init; } = 4;

    /// <summary>Slots of each decoder memory matrix.</summary>
    public int DecoderMemorySlots { get; init; } = 200;

    /// <summary>Integer shrink threshold k of the decoder memories' sparse addressing (top-k).</summary>
    public int DecoderMemoryTopK { get; init; } = 5;

    /// <summary>Training-time probability of keeping a memory output pixel rather than the input feature.</summary>
    public double DecoderMemoryMaskRatio { get; init; } = 1.0;

    /// <summary>
    /// True: the in-painting block reads from non-learned memory queues written with the training batches
    /// (ZhangLab). False: from learnable memory matrices (CheXpert, COVIDx).
    /// </summary>
    public bool InpaintingUsesQueue { get; init; } = true;

    /// <summary>Slots of each in-painting memory (queue or matrix).</summary>
    public int InpaintingSlots { get; init; } = 200;

    /// <summary>Integer shrink threshold k of the in-painting memories' sparse addressing (top-k).</summary>
    public int InpaintingTopK { get; init; } = 5;

    /// <summary>Attention heads of the in-painting block's neighbourhood attention.</summary>
    public int AttentionHeads { get; init; } = 8;

    /// <summary>Dropout inside the in-painting block's feed-forward network.</summary>
    public double InpaintingDropout { get; init; } = 0.0;

    /// <summary>Training-time probability of keeping the in-painted feature rather than the encoder feature.</summary>
    public double InpaintingMaskRatio { get; init; } = 1.0;

    /// <summary>Build the teacher decoder used for self-distillation during training.</summary>
    public bool TeacherDecoder { get; init; } = true;

    /// <summary>Number of strided conv + BatchNorm layers after the discriminator's first convolution.</summary>
    public int DiscriminatorLayers { get; init; } = 4;

    /// <summary>Side of one window: S / P.</summary>
    public int WindowSize => ImageSize / PatchGrid;

    /// <summary>Number of windows: P * P.</summary>
    public int WindowCount => PatchGrid * PatchGrid;

    /// <summary>Side of a window's feature map at the bottleneck: S / P / 2^L.</summary>
    public int BottleneckSize => WindowSize >> Levels;

    /// <summary>Channel width of encoder level <paramref name="level"/> (0 = fr ... L = 2^L fr).</summary>
    public int Width(int level) => FeaturesRoot << level;

    /// <summary>Length of one window's vector in the in-painting block: (16fr / 4) * h * w (memory_channel).</summary>
    public int InpaintingChannels => Width(Levels) / 4 * BottleneckSize * BottleneckSize;

    /// <summary>Bits of the binary window-position code: log2(P*P) + 1.</summary>
    public int PositionCodeBits => (int)Math.Floor(Math.Log2(WindowCount)) + 1;

    /// <summary>Side of the discriminator's last feature map: S / 2^(layers + 1).</summary>
    public int DiscriminatorOutputSize => ImageSize >> (DiscriminatorLayers + 1);

    /// <summary>Output width of the discriminator's strided layer <paramref name="layer"/> (0-based after the first).</summary>
    public static int DiscriminatorWidth(int layer) => Math.Min(16 << (layer + 1), 256);
}
