using TorchSharp.Utils;
using TorchSharp.Modules;
using SimSid.Torch.Training;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// The in-painting block at the bottleneck. Each window's feature is reduced to a vector, read from
/// the memory of its window position, and rebuilt by attending over the memory readings of its 8
/// neighbouring windows (3x3 neighbourhood, zero padded); a binary code of the window's position is
/// appended before the channels are restored.
/// </summary>
public sealed class InpaintingBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "reduce_conv")]
    private readonly Conv2d reduceConv;
    [ComponentName(Name = "reduce_norm")]
    private readonly SimSidBatchNorm2d reduceNorm;
    private readonly ModuleList<SlotMemory> memories;
    private readonly NeighbourAttention attention;
    [ComponentName(Name = "attention_norm")]
    private readonly LayerNorm attentionNorm;
    [ComponentName(Name = "ffn_in")]
    private readonly Linear ffnIn;
    [ComponentName(Name = "ffn_out")]
    private readonly Linear ffnOut;
    [ComponentName(Name = "ffn_norm")]
    private readonly LayerNorm ffnNorm;
    [ComponentName(Name = "restore_conv")]
    private readonly Conv2d restoreConv;
    [ComponentName(Name = "restore_norm")]
    private readonly SimSidBatchNorm2d restoreNorm;
    [ComponentName(Name = "position_code")]
    private readonly Tensor positionCode;
    private readonly int grid;
    private readonly double maskRatio;
    private readonly double dropout;

    /// <summary>Creates the block for the network described by <paramref name="options"/>.</summary>
    public InpaintingBlock(NetworkOptions options) : base(nameof(InpaintingBlock))
    {
        int channels = options.Width(options.Levels), reduced = channels / 4, dim = options.InpaintingChannels;
        grid = options.PatchGrid;
        maskRatio = options.InpaintingMaskRatio;
        UsesQueue = options.InpaintingUsesQueue;

        reduceConv = nn.Conv2d(channels, reduced, 1, bias: false);
        reduceNorm = new SimSidBatchNorm2d(reduced);
        memories = new ModuleList<SlotMemory>(Enumerable.Range(0, options.WindowCount)
            .Select(_ => options.InpaintingUsesQueue
                ? (SlotMemory)new MemoryQueue(options.InpaintingSlots, dim, options.InpaintingTopK)
                : new MemoryMatrix(options.InpaintingSlots, dim, options.InpaintingTopK))
            .ToArray());
        attention = new NeighbourAttention(dim, options.AttentionHeads);
        attentionNorm = nn.LayerNorm(dim);
        ffnIn = nn.Linear(dim, dim / 4);
        dropout = options.InpaintingDropout;
        ffnOut = nn.Linear(dim / 4, dim);
        ffnNorm = nn.LayerNorm(dim);
        restoreConv = nn.Conv2d(reduced + options.PositionCodeBits, channels, 1);
        restoreNorm = new SimSidBatchNorm2d(channels);
        positionCode = PositionCode(options.WindowCount, options.PositionCodeBits);

        register_buffer("position_code", positionCode, persistent: false);
        RegisterComponents();
    }

    /// <summary>True when the memories are queues written during training.</summary>
    public bool UsesQueue { get; }

    /// <summary>The memory of each window position.</summary>
    public IReadOnlyList<SlotMemory> Memories => memories.ToList();

    /// <summary>
    /// The reduced window vectors (B, P*P, dim) of the last forward pass, detached: what the memory
    /// queues take in after a generator step (see <see cref="WriteQueues"/>).
    /// </summary>
    public Tensor? LastWindowVectors { get; private set; }

    /// <summary>In-paints window features (B*P*P, 16fr, h, w): returns the same shape.</summary>
    public override Tensor forward(Tensor x)
    {
        long windowsTotal = x.shape[0], h = x.shape[2], w = x.shape[3];
        int count = memories.Count;
        long batch = windowsTotal / count;
        var reduced = nn.functional.relu(reduceNorm.call(reduceConv.call(x)));
        long reducedChannels = reduced.shape[1];
        var vectors = reduced.reshape(batch, count, -1);
        long dim = vectors.shape[2];
        RememberWindowVectors(vectors);

        var readings = SlotMemory.ReadEach(memories, vectors);

        var query = vectors.reshape(windowsTotal, dim);
        var reading = readings.reshape(windowsTotal, dim);
        var inpainted = nn.functional.relu(attentionNorm.call(attention.call(query, Neighbours(readings))).Plus(reading));
        var hidden = nn.functional.relu(Dropout(FewRowProducts.Linear(this, inpainted, ffnIn.weight!, ffnIn.bias)));
        inpainted = nn.functional.relu(ffnNorm.call(FewRowProducts.Linear(this, hidden, ffnOut.weight!, ffnOut.bias)).Plus(inpainted));

        var code = positionCode.to(inpainted.dtype).view(1, count, -1, 1, 1).expand(batch, count, -1, h, w);
        var withCode = cat([inpainted.view(batch, count, reducedChannels, h, w), code], dim: 2)
            .view(windowsTotal, -1, h, w);
        var output = nn.functional.relu(restoreNorm.call(restoreConv.call(withCode)));
        return MaskedShortcut.Apply(output, x, maskRatio, training);
    }

    /// <summary>
    /// Writes the window vectors of the last forward pass into the memory queues, each window
    /// position into its own queue. Does nothing when the memories are learned or no pass ran.
    /// </summary>
    public void WriteQueues()
    {
        if (!UsesQueue || LastWindowVectors is null) return;
        for (int i = 0; i < memories.Count; i++)
            ((MemoryQueue)memories[i]).Write(LastWindowVectors.select(1, i));
        ForgetWindowVectors();
    }

    /// <summary>Drops the remembered window vectors of the last forward pass.</summary>
    public void ForgetWindowVectors()
    {
        LastWindowVectors?.Dispose();
        LastWindowVectors = null;
    }

    // Only training passes feed the queues; the vectors outlive the caller's dispose scope.
    private void RememberWindowVectors(Tensor vectors)
    {
        if (!UsesQueue || !training) return;
        ForgetWindowVectors();
        LastWindowVectors = vectors.detach().clone().DetachFromDisposeScope();
    }

    // nn.Dropout would draw from torch's process-wide generator; training draws come from the run's own.
    private Tensor Dropout(Tensor x) =>
        !training || dropout == 0 ? x : (x * bernoulli(full_like(x, HeldScalars.Of(1 - dropout)), TrainingRandom.Current)).div(HeldScalars.Of(1 - dropout));

    /// <summary>
    /// The 8 neighbours' memory readings of every window: (B, P*P, dim) to (B*P*P, 8, dim), zero
    /// vectors where a neighbour falls outside the grid.
    /// </summary>
    private Tensor Neighbours(Tensor readings)
    {
        long batch = readings.shape[0], count = readings.shape[1], dim = readings.shape[2];
        var gridMap = readings.view(batch, grid, grid, dim).permute(0, 3, 1, 2);
        var patches = nn.functional.unfold(gridMap, 3, padding: 1)
            .view(batch, dim, 9, count)
            .permute(0, 3, 2, 1);
        var outer = cat([patches.narrow(2, 0, 4), patches.narrow(2, 5, 4)], dim: 2);
        return outer.reshape(batch * count, 8, dim);
    }

    /// <summary>Binary code of each window index, most significant bit first: (count, bits).</summary>
    private static Tensor PositionCode(int count, int bits)
    {
        var code = new float[count * bits];
        for (int i = 0; i < count; i++)
            for (int b = 0; b < bits; b++)
                code[i * bits + b] = (i >> (bits - 1 - b)) & 1;
        return tensor(code, [count, bits]);
    }
}
