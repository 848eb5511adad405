using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// A convolution and the batch normalisation after it, folded into one convolution for scoring. In eval mode the
/// normalisation is an affine map per channel, γ (x − μ) / √(σ² + ε) + β, so the pair is the convolution with its weights
/// scaled by s = γ / √(σ² + ε) and its bias replaced by s (b − μ) + β. The weights are kept channels-last: oneDNN then
/// convolves the features as they are, without converting them to and from its blocked layout around every convolution.
/// Where the weights are large and the output has few places, they are also converted once to oneDNN's own layout
/// (<see cref="PrepackedConvolution"/>), for the first input that suits.
/// Holds the tensors it was folded from, so that a block can tell when a parameter or buffer was replaced (a move to
/// another device replaces them); changes made in place are the block's to notice (<see cref="ResidualConvBlock"/>).
/// </summary>
internal sealed class FoldedConvolution : IDisposable
{
    private readonly Tensor?[] sources;
    private readonly Tensor weight;
    private readonly Tensor bias;
    private readonly long[] stride, dilation;
    private readonly long[]? padding;
    private readonly PrepackedConvolution? prepacked;

    private FoldedConvolution(Tensor?[] sources, Tensor weight, Tensor bias, Conv2d conv)
    {
        this.sources = sources;
        this.weight = weight;
        this.bias = bias;
        stride = conv.stride;
        padding = conv.padding;
        dilation = conv.dilation;
        if (PrepackedConvolution.Worthwhile(weight, stride, padding, dilation)) prepacked = new PrepackedConvolution(weight, bias, stride, padding!);
    }

    /// <summary>Folds <paramref name="norm"/>'s running statistics and affine parameters into <paramref name="conv"/>.</summary>
    /// <exception cref="InvalidOperationException">The normalisation keeps no running statistics or has no affine parameters.</exception>
    public static FoldedConvolution Fold(Conv2d conv, BatchNorm norm)
    {
        if (norm.running_mean is null || norm.running_var is null || norm.weight is null || norm.bias is null)
            throw new InvalidOperationException("Only a batch normalisation with running statistics and affine parameters folds into a convolution.");
        using var noGradient = no_grad();
        using var scope = NewDisposeScope();
        var scale = norm.weight * norm.running_var.Plus(norm.eps).rsqrt();
        var folded = ScoringPass.ChannelsLast(conv.weight! * scale.view(-1, 1, 1, 1));
        var centred = conv.bias is null ? norm.running_mean.neg() : conv.bias.sub(norm.running_mean);
        var shift = (centred * scale).Plus(norm.bias);
        return new FoldedConvolution(Sources(conv, norm), folded.DetachFromDisposeScope(), shift.DetachFromDisposeScope(), conv);
    }

    /// <summary>Whether this was folded from <paramref name="conv"/> and <paramref name="norm"/>'s current tensors.</summary>
    public bool IsOf(Conv2d conv, BatchNorm norm) => Sources(conv, norm).SequenceEqual(sources, ReferenceEqualityComparer.Instance);

    /// <summary>The convolution followed by the normalisation, applied to <paramref name="input"/> (N, C, H, W).</summary>
    public Tensor Apply(Tensor input) =>
        prepacked is { } converted && converted.Applies(input)
            ? converted.Apply(input)
            : ChannelSafeConvolution.Convolve(input, weight, bias, stride, padding, dilation);

    /// <summary>Whether this convolution applied to <paramref name="input"/> uses weights converted once (<see cref="PrepackedConvolution"/>).</summary>
    public bool UsesPrepackedWeights(Tensor input) => prepacked?.Applies(input) == true;

    /// <inheritdoc/>
    public void Dispose()
    {
        prepacked?.Dispose();
        weight.Dispose();
        bias.Dispose();
    }

    private static Tensor?[] Sources(Conv2d conv, BatchNorm norm) =>
        [conv.weight, conv.bias, norm.weight, norm.bias, norm.running_mean, norm.running_var];
}
