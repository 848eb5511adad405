using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// A scoring convolution with its weights converted once to oneDNN's blocked layout. libtorch's eager convolution converts
/// its weights to that layout at every call and keeps nothing, which costs more than the convolution itself where the
/// weights are large and the output has few places: at <c>small</c> the encoder's last block, 256 x 256 x 3 x 3
/// weights over four 2 x 2 windows, took 190 µs a call with the conversion and 122 µs without (2 threads, AMD EPYC
/// Zen 5). Where the output has many places the converted path's own overhead (about 60 µs a call beyond the kernel)
/// outweighs what it saves, so only convolutions with at most <see cref="MaxOutputPlaces"/> output places and at least
/// <see cref="MinWeightElements"/> weights take it; and only with oneDNN's AVX-512 kernels, since with its AVX2 kernels
/// (a processor without AVX-512, or the cap at AVX2) one <c>small</c> image took 14.1 ms this way against 13.1 ms.
/// TorchSharp has no call for the conversion: libtorch's <c>mkldnn_reorder_conv2d_weight</c> and
/// <c>mkldnn_convolution</c> are reached through TorchScript, which TorchSharp's libtorch for x64 has with oneDNN. Should
/// a conversion fail, no convolution of the process tries again and each keeps the usual path.
/// </summary>
internal sealed class PrepackedConvolution : IDisposable
{
    /// <summary>Output places (images x height x width) up to which a convolution uses the converted weights.</summary>
    public const long MaxOutputPlaces = 256;

    /// <summary>Weights (elements) from which a convolution converts them: 64 K floats, 256 KB.</summary>
    public const long MinWeightElements = 1L << 16;

    // Ints, not longs: TorchSharp passes a long to TorchScript as a temporary Scalar that the collector may free early.
    private const string Script = @"
def pack(weight: Tensor, padding: int, stride: int, batch: int, channels: int, height: int, width: int) -> Tensor:
    return torch.mkldnn_reorder_conv2d_weight(weight.to_mkldnn(), [padding, padding], [stride, stride], [1, 1], 1, [batch, channels, height, width])

def convolve(input: Tensor, weight: Tensor, bias: Tensor, padding: int, stride: int) -> Tensor:
    return torch.mkldnn_convolution(input, weight, bias, [padding, padding], [stride, stride], [1, 1], 1)
";

    private static readonly Lazy<jit.CompilationUnit> Functions = new(() => jit.compile(Script));
    private static volatile bool unavailable;

    private readonly Tensor weight, bias;
    private readonly int kernel, padding, stride;
    private readonly object packLock = new();
    private volatile Tensor? packed;

    /// <summary>
    /// The convolution of <paramref name="weight"/> (out, in, k, k) and <paramref name="bias"/>, which stay the caller's,
    /// with equal strides and paddings; its weights are converted at the first call of <see cref="Applies"/> that suits.
    /// </summary>
    public PrepackedConvolution(Tensor weight, Tensor bias, long[] stride, long[] padding)
    {
        this.weight = weight;
        this.bias = bias;
        kernel = checked((int)weight.shape[2]);
        this.stride = checked((int)stride[0]);
        this.padding = checked((int)padding[0]);
    }

    /// <summary>
    /// Whether a convolution with <paramref name="weight"/> (out, in, kh, kw) gains from converting it: oneDNN's AVX-512
    /// kernels, float CPU weights, many of them, channel counts it computes as they are (<see cref="ChannelSafeConvolution"/>),
    /// a square kernel, equal strides and paddings, no dilation.
    /// </summary>
    public static bool Worthwhile(Tensor weight, long[] stride, long[]? padding, long[] dilation) =>
        !unavailable && NativeKernels.RunsAvx512Kernels && weight.device_type == DeviceType.CPU && weight.dtype == ScalarType.Float32
        && weight.numel() >= MinWeightElements && !ChannelSafeConvolution.NeedsPadding(weight)
        && weight.shape[2] == weight.shape[3] && stride is [var across, var down] && across == down
        && padding is [var left, var top] && left == top && dilation.All(d => d == 1);

    /// <summary>
    /// Whether the convolution of <paramref name="input"/> (N, C, H, W) runs with the converted weights: its output has
    /// few places, and the weights are converted (now, for inputs shaped like this one, if they were not yet). False for
    /// every convolution of the process once a conversion failed.
    /// </summary>
    public bool Applies(Tensor input)
    {
        long[] shape = input.shape;
        long height = (shape[2] + 2 * padding - kernel) / stride + 1, width = (shape[3] + 2 * padding - kernel) / stride + 1;
        return !unavailable && shape[0] * height * width <= MaxOutputPlaces && Converted(shape) is not null;
    }

    /// <summary>The convolution of <paramref name="input"/> (N, C, H, W), where <see cref="Applies"/>.</summary>
    public Tensor Apply(Tensor input) => (Tensor)Functions.Value.invoke("convolve", input.contiguous(), packed!, bias, padding, stride);

    /// <inheritdoc/>
    public void Dispose() => packed?.Dispose();

    // Converted for the first input that suits and used for every later one (another batch size costs oneDNN a
    // conversion at the calls where the layouts differ, as libtorch's usual path does at every call).
    private Tensor? Converted(long[] shape)
    {
        if (packed is not null || unavailable) return packed;
        lock (packLock)
        {
            if (packed is not null || unavailable) return packed;
            try
            {
                using var scope = NewDisposeScope();
                packed = ((Tensor)Functions.Value.invoke("pack", weight.contiguous(), padding, stride,
                    checked((int)shape[0]), checked((int)shape[1]), checked((int)shape[2]), checked((int)shape[3]))).DetachFromDisposeScope();
            }
            catch (ExternalException)
            {
                unavailable = true;
            }
            return packed;
        }
    }
}
