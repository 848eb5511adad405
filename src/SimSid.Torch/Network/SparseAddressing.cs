using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// Sparse memory addressing with an integer shrink threshold k: softmax over the slots, then every
/// weight not above the k-th largest is zeroed (hard shrinkage at that weight, so the k-th itself is
/// dropped too, as in the reference), the rest L1-renormalised. The forward value is the sparse
/// weights; the gradient is the dense softmax's (straight-through).
/// </summary>
public static class SparseAddressing
{
    private const double Epsilon = 1e-12;

    /// <summary>Sparse weights (..., N, M) from similarity logits (..., N, M), over the slots (the last dimension).</summary>
    public static Tensor Weights(Tensor logits, int topK)
    {
        var dense = nn.functional.softmax(logits, -1);
        var y = dense.detach();
        var kth = y.topk(topK, dim: -1).values.narrow(-1, topK - 1, 1);
        var shrunk = nn.functional.relu(y - kth) * y / (y - kth).abs().Plus(Epsilon);
        var sparse = nn.functional.normalize(shrunk, p: 1, dim: -1, eps: Epsilon);
        return (sparse - dense).detach().Plus(dense);
    }
}
