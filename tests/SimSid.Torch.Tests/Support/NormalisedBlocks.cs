using SimSid.Torch.Network;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Support;

/// <summary>Residual blocks whose normalisations fold into something other than their initial values.</summary>
public static class NormalisedBlocks
{
    /// <summary>
    /// A block in eval mode with random parameters (standard deviation <paramref name="weightScale"/>) and running
    /// statistics away from their initial values.
    /// </summary>
    public static ResidualConvBlock WithRunningStatistics(int inChannels, int outChannels, int stride, int seed, double weightScale = 0.2)
    {
        var random = new Generator((ulong)seed);
        var block = new ResidualConvBlock(inChannels, outChannels, stride);
        using (no_grad())
        {
            foreach (var p in block.parameters()) p.copy_(randn(p.shape, generator: random) * weightScale);
            foreach (var norm in block.modules().OfType<BatchNorm>())
            {
                norm.running_mean!.copy_(randn(norm.running_mean.shape, generator: random) * 0.3);
                norm.running_var!.copy_(rand(norm.running_var.shape, generator: random) + 0.5);
            }
        }
        block.eval();
        return block;
    }
}
