using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// What a module may do differently when scoring: in eval mode without gradients nothing reads its intermediate tensors
/// again, so it can overwrite them, fold its normalisations (<see cref="FoldedConvolution"/>), keep its features
/// channels-last, the layout in which oneDNN's convolutions and libtorch's bilinear up-sampling run fastest on a CPU, and
/// compute its products in other forms (<see cref="FewRowProducts"/>). Training computes exactly as before.
/// </summary>
internal static class ScoringPass
{
    /// <summary>Whether <paramref name="module"/> runs a scoring pass now: eval mode, gradients off.</summary>
    public static bool Applies(nn.Module module) => !module.training && !is_grad_enabled();

    /// <summary>
    /// <paramref name="x"/> (N, C, H, W) with channels-last strides: the same tensor to every operation, laid out as
    /// (N, H, W, C). TorchSharp has no memory-format argument, hence the permuted copy.
    /// </summary>
    public static Tensor ChannelsLast(Tensor x) => x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
}
