using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// A memory whose slots are not learned: a ring buffer into which the training batches' feature
/// vectors are written after every generator step, oldest overwritten first.
/// </summary>
public sealed class MemoryQueue : SlotMemory
{
    private readonly Tensor slots;

    /// <summary>Creates a queue of <paramref name="slotCount"/> slots of length <paramref name="dim"/>, uniformly initialised.</summary>
    public MemoryQueue(int slotCount, int dim, int topK) : base(nameof(MemoryQueue), slotCount, dim, topK)
    {
        slots = InitialSlots(slotCount, dim);
        register_buffer("slots", slots);
    }

    /// <summary>Index of the slot the next write starts at.</summary>
    public int WritePosition { get; set; }

    /// <inheritdoc/>
    protected override Tensor Slots => slots.detach();

    /// <summary>Writes <paramref name="values"/> (B, dim) at the write position, wrapping around.</summary>
    public void Write(Tensor values)
    {
        if (values.ndim != 2 || values.shape[1] != Dim)
            throw new ArgumentException($"Memory queue writes need (B, {Dim}) values, got ({string.Join(", ", values.shape)}).", nameof(values));
        using var scope = NewDisposeScope();
        long count = values.shape[0];
        int start = WritePosition;
        int next = (int)((start + count) % SlotCount);
        if (count > SlotCount)
        {
            // Only the last SlotCount rows would survive a write row by row.
            start = (int)((start + count - SlotCount) % SlotCount);
            values = values.narrow(0, count - SlotCount, SlotCount);
            count = SlotCount;
        }
        var index = tensor(Enumerable.Range(0, (int)count).Select(i => (long)((start + i) % SlotCount)).ToArray(), device: slots.device);
        using (no_grad())
            slots.index_copy_(0, index, values.detach().to(slots.dtype));
        WritePosition = next;
    }
}
