using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// A memory of <c>slots x dim</c> vectors read by sparse addressing: <c>w = sparse(x Mᵀ)</c>,
/// output <c>w M</c>. Subclasses decide whether the slots are learned or written.
/// </summary>
public abstract class SlotMemory : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the memory's shape and sparsity.</summary>
    protected SlotMemory(string name, int slots, int dim, int topK) : base(name)
    {
        SlotCount = slots;
        Dim = dim;
        TopK = topK;
    }

    /// <summary>Number of slots M.</summary>
    public int SlotCount { get; }

    /// <summary>Length of each slot vector.</summary>
    public int Dim { get; }

    /// <summary>Integer shrink threshold k of the addressing.</summary>
    public int TopK { get; }

    /// <summary>The slot matrix (slots x dim) as the read uses it.</summary>
    protected abstract Tensor Slots { get; }

    /// <summary>Reads queries (N, dim) from the memory: returns (N, dim).</summary>
    public override Tensor forward(Tensor queries) => Read(Slots, queries, TopK, FewRowProducts.Applies(this, Slots));

    /// <summary>
    /// Reads window <c>w</c> of queries (N, W, dim) from <c>memories[w]</c>: returns (N, W, dim). One batched
    /// pass over all the windows' memories (equal in shape and sparsity) instead of W reads of a few small
    /// operations each, which is most of the operations a window-memory layer runs. When scoring with memories that
    /// are large together (see <see cref="FewRowProducts.Applies(nn.Module, long)"/>), each window reads its own
    /// memory's slots where they are stored instead: stacking them copies every slot (at <c>zhang</c> 40 MB per image,
    /// 2.7 ms) for the few that the sparse addressing reads.
    /// </summary>
    public static Tensor ReadEach(IEnumerable<SlotMemory> memories, Tensor queries)
    {
        var each = memories.ToList();
        if (each.Count != queries.shape[1] || each.Any(m => m.SlotCount != each[0].SlotCount || m.Dim != each[0].Dim || m.TopK != each[0].TopK))
            throw new ArgumentException($"{each.Count} memories of equal shape and sparsity are needed for queries of shape ({string.Join(", ", queries.shape)}).", nameof(memories));
        var first = each[0];
        if (FewRowProducts.Applies(first, each.Count * (long)first.SlotCount * first.Dim))
            return stack(each.Select((memory, w) => Read(memory.Slots, queries.select(1, w), first.TopK, fewRows: true)), dim: 1);
        var slots = stack(each.Select(m => m.Slots), dim: 0);
        // Stacked slots are as many as the test above counted: these reads are training's, or too small for the few-row forms.
        return Read(slots, queries.transpose(0, 1), first.TopK, fewRows: false).transpose(0, 1);
    }

    // queries (..., N, dim) against slots (..., M, dim): weights (..., N, M), readings (..., N, dim); in the few-row
    // forms where FewRowProducts applies (scoring with large memories).
    private static Tensor Read(Tensor slots, Tensor queries, int topK, bool fewRows)
    {
        var similarity = fewRows ? FewRowProducts.TimesTransposed(queries, slots) : queries.matmul(slots.transpose(-2, -1));
        var weights = SparseAddressing.Weights(similarity, topK);
        return fewRows ? NonZeroReadings(weights, slots, topK) : weights.matmul(slots);
    }

    /// <summary>
    /// <c>weights · slots</c> when at most k - 1 weights per query are non-zero, as the addressing's forward values are
    /// (none at or below the k-th largest survives): the weighted sum of those slots alone, instead of a product over
    /// all M. When scoring only (see <see cref="FewRowProducts.Applies(nn.Module, Tensor)"/>): the addressing's gradient reaches every slot.
    /// The same values up to float rounding; at <c>zhang</c> it saves reading (and packing) 46 MB of slots per image.
    /// </summary>
    private static Tensor NonZeroReadings(Tensor weights, Tensor slots, int topK)
    {
        int kept = topK - 1;
        if (kept < 1 || kept >= slots.shape[^2]) return weights.matmul(slots);
        var (values, indices) = weights.topk(kept, dim: -1);
        long[] lead = slots.shape[..^2];
        long queries = weights.shape[^2], dim = slots.shape[^1];
        var rows = slots.gather(-2, indices.reshape([.. lead, queries * kept, 1]).expand([.. lead, queries * kept, dim]));
        return values.unsqueeze(-2).matmul(rows.view([.. lead, queries, kept, dim])).squeeze(-2);
    }

    /// <summary>Uniform initialisation in ±1/sqrt(dim), as the reference.</summary>
    protected static Tensor InitialSlots(int slots, int dim)
    {
        double bound = 1.0 / Math.Sqrt(dim);
        return empty(slots, dim).uniform_(-bound, bound);
    }
}

/// <summary>A memory matrix whose slots are learned parameters.</summary>
public sealed class MemoryMatrix : SlotMemory
{
    private readonly TorchSharp.Modules.Parameter slots;

    /// <summary>Creates a learnable memory of <paramref name="slotCount"/> slots of length <paramref name="dim"/>.</summary>
    public MemoryMatrix(int slotCount, int dim, int topK) : base(nameof(MemoryMatrix), slotCount, dim, topK)
    {
        slots = new TorchSharp.Modules.Parameter(InitialSlots(slotCount, dim));
        RegisterComponents();
    }

    /// <inheritdoc/>
    protected override Tensor Slots => slots;
}
