using TorchSharp.Utils;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// The building block of encoder and decoders (double_conv): conv3x3(stride) + BN + ReLU, then a
/// residual branch conv3x3 + BN + ReLU + conv3x3 + BN added to it, then ReLU.
/// Scoring (eval mode without gradients) computes the same function with each normalisation folded into its
/// convolution (<see cref="FoldedConvolution"/>), folded once and kept until the block enters training mode, its
/// parameters are replaced, or <see cref="ForgetFoldedWeights()"/> is called after weights were changed in place
/// outside training (loading a state dict does so).
/// </summary>
public sealed class ResidualConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly SimSidBatchNorm2d norm;
    [ComponentName(Name = "residual_conv1")]
    private readonly Conv2d residualConv1;
    [ComponentName(Name = "residual_norm1")]
    private readonly SimSidBatchNorm2d residualNorm1;
    [ComponentName(Name = "residual_conv2")]
    private readonly Conv2d residualConv2;
    [ComponentName(Name = "residual_norm2")]
    private readonly SimSidBatchNorm2d residualNorm2;
    private readonly object foldLock = new();
    private FoldedConvolution[]? folded;

    /// <summary>Creates the block mapping <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    public ResidualConvBlock(long inChannels, long outChannels, long stride = 1) : base(nameof(ResidualConvBlock))
    {
        conv = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1);
        norm = new SimSidBatchNorm2d(outChannels);
        residualConv1 = nn.Conv2d(outChannels, outChannels, 3, padding: 1);
        residualNorm1 = new SimSidBatchNorm2d(outChannels);
        residualConv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1);
        residualNorm2 = new SimSidBatchNorm2d(outChannels);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        if (ScoringPass.Applies(this)) return Score(x);
        var h = nn.functional.relu(norm.call(ChannelSafeConvolution.Call(conv, x)));
        var r = residualNorm2.call(ChannelSafeConvolution.Call(residualConv2,
            nn.functional.relu(residualNorm1.call(ChannelSafeConvolution.Call(residualConv1, h)))));
        return nn.functional.relu(h.Plus(r));
    }

    /// <summary>Puts the block in training or eval mode; entering training mode forgets the folded weights.</summary>
    public override void train(bool on = true)
    {
        base.train(on);
        if (on) ForgetFoldedWeights();
    }

    /// <summary>
    /// Forgets the weights folded for scoring, so that the next scoring pass folds the current ones: to be called after
    /// this block's weights or running statistics were changed in place outside training mode.
    /// </summary>
    public void ForgetFoldedWeights()
    {
        lock (foldLock)
        {
            foreach (var f in folded ?? []) f.Dispose();
            folded = null;
        }
    }

    /// <summary>Calls <see cref="ForgetFoldedWeights()"/> on every block of <paramref name="network"/>.</summary>
    public static void ForgetFoldedWeightsIn(nn.Module network)
    {
        network.apply(m => (m as ResidualConvBlock)?.ForgetFoldedWeights()); // the network itself included
    }

    /// <summary>The folded convolutions scoring uses, folded now when they are missing or out of date.</summary>
    internal IReadOnlyList<FoldedConvolution> FoldedForScoring()
    {
        var current = folded;
        if (current is not null && IsCurrent(current)) return current;
        lock (foldLock)
        {
            if (folded is null || !IsCurrent(folded))
            {
                ForgetFoldedWeights(); // takes the same lock again, which C# allows
                folded = [FoldedConvolution.Fold(conv, norm), FoldedConvolution.Fold(residualConv1, residualNorm1),
                    FoldedConvolution.Fold(residualConv2, residualNorm2)];
            }
            return folded;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) ForgetFoldedWeights();
        base.Dispose(disposing);
    }

    // The activations are computed in place: without gradients nothing else reads the tensors they overwrite.
    private Tensor Score(Tensor x)
    {
        var convolutions = FoldedForScoring();
        var h = convolutions[0].Apply(x).relu_();
        var r = convolutions[2].Apply(convolutions[1].Apply(h).relu_());
        return r.add_(h, HeldScalars.Of(1)).relu_();
    }

    private bool IsCurrent(FoldedConvolution[] convolutions) =>
        convolutions[0].IsOf(conv, norm) && convolutions[1].IsOf(residualConv1, residualNorm1) && convolutions[2].IsOf(residualConv2, residualNorm2);
}
