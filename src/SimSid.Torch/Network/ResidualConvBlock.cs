using TorchSharp.Utils;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// The building block of encoder and decoders (double_conv): conv3x3(stride) + BN + ReLU, then a
/// residual branch conv3x3 + BN + ReLU + conv3x3 + BN added to it, then ReLU.
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
        var h = nn.functional.relu(norm.call(ChannelSafeConvolution.Call(conv, x)));
        var r = residualNorm2.call(ChannelSafeConvolution.Call(residualConv2,
            nn.functional.relu(residualNorm1.call(ChannelSafeConvolution.Call(residualConv1, h)))));
        return nn.functional.relu(h.Plus(r));
    }
}
