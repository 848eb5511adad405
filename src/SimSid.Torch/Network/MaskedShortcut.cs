using SimSid.Torch.Training;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// Training-time masked shortcut: each pixel keeps <c>output</c> with probability <c>keepRatio</c>,
/// else takes <c>input</c>. Inactive outside training and when the ratio is 1 (then it is the identity).
/// Draws from the training run's generator (<see cref="TrainingRandom"/>).
/// </summary>
public static class MaskedShortcut
{
    /// <summary>Mixes <paramref name="output"/> with <paramref name="input"/> per pixel (mask shape B, 1, H, W).</summary>
    public static Tensor Apply(Tensor output, Tensor input, double keepRatio, bool training)
    {
        if (!training || keepRatio >= 1.0) return output;
        var mask = bernoulli(full(output.shape[0], 1, output.shape[2], output.shape[3], HeldScalars.Of(keepRatio), dtype: output.dtype, device: output.device), TrainingRandom.Current);
        return (output * mask).Plus(input * mask.negative().Plus(1));
    }
}
