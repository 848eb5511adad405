using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// Runs a convolution with channel counts whose input gradient libtorch's oneDNN computes correctly with its AVX-512
/// kernels (<see cref="NativeKernels"/>). Checked against double-precision convolutions (libtorch's own kernels), those
/// kernels returned wrong input gradients (relative errors of 0.2 to 0.5, or NaN, differing from run to run) for 3 x 3
/// and 5 x 5 convolutions with output channels that are not a multiple of 16 (the `tiny` preset's 8), with more than 16
/// input channels that are not a multiple of 16 (24, whose output was once wrong too), and, at stride 2, with more than
/// 32 that are not a multiple of 32 (48, 80); every other count measured was exact. Such a convolution runs with zero
/// channels added to its weights (and to its input) up to <see cref="SafeOutputChannels"/> and
/// <see cref="SafeInputChannels"/>, and its output is cut back to its own channels: the same values, from kernels that
/// compute them. Every convolution of the paper presets and the
/// `cpu` recipe already has such counts and runs as it is; 1 x 1 convolutions are computed by other kernels, which were
/// exact at every count.
/// </summary>
internal static class ChannelSafeConvolution
{
    /// <summary>Applies <paramref name="conv"/> to <paramref name="input"/> (N, C, H, W), with safe channel counts.</summary>
    public static Tensor Call(Conv2d conv, Tensor input) =>
        NeedsPadding(conv) ? Convolve(input, conv.weight!, conv.bias, conv.stride, conv.padding, conv.dilation) : conv.call(input);

    /// <summary>Convolves <paramref name="input"/> (N, C, H, W) with <paramref name="weight"/> (out, in, kh, kw), with safe channel counts.</summary>
    public static Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[]? padding, long[] dilation)
    {
        long outChannels = weight.shape[0], inChannels = weight.shape[1];
        if (!NeedsPadding(inChannels, outChannels, weight.shape[2..]))
            return nn.functional.conv2d(input, weight, bias, strides: stride, padding: padding, dilation: dilation);
        long addedIn = SafeInputChannels(inChannels) - inChannels, addedOut = SafeOutputChannels(outChannels) - outChannels;
        // pad lists (before, after) pairs from the last dimension back: weights are (out, in, kh, kw).
        var padded = nn.functional.pad(weight, [0, 0, 0, 0, 0, addedIn, 0, addedOut]);
        var paddedBias = bias is null ? null : nn.functional.pad(bias, [0, addedOut]);
        var paddedInput = addedIn == 0 ? input : nn.functional.pad(input, [0, 0, 0, 0, 0, addedIn]);
        return nn.functional.conv2d(paddedInput, padded, paddedBias, strides: stride, padding: padding, dilation: dilation)
            .narrow(1, 0, outChannels);
    }

    /// <summary>Whether <paramref name="conv"/> runs with channels added (a kernel larger than 1 x 1 and unsafe counts).</summary>
    public static bool NeedsPadding(Conv2d conv) => NeedsPadding(conv.in_channels, conv.out_channels, conv.kernel_size);

    /// <summary>Whether a convolution with <paramref name="weight"/> (out, in, kh, kw) runs with channels added.</summary>
    public static bool NeedsPadding(Tensor weight) => NeedsPadding(weight.shape[1], weight.shape[0], weight.shape[2..]);

    private static bool NeedsPadding(long inChannels, long outChannels, IEnumerable<long> kernel) =>
        kernel.Any(k => k > 1) && (SafeInputChannels(inChannels) != inChannels || SafeOutputChannels(outChannels) != outChannels);

    /// <summary>Output channels rounded up to a multiple of 16.</summary>
    public static long SafeOutputChannels(long channels) => RoundUp(channels, 16);

    /// <summary>Input channels as they are up to 16, else rounded up to a multiple of 32 (exact at every stride measured).</summary>
    public static long SafeInputChannels(long channels) => channels <= 16 ? channels : RoundUp(channels, 32);

    private static long RoundUp(long value, long multiple) => (value + multiple - 1) / multiple * multiple;
}
