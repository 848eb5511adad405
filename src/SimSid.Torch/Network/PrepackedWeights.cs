using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// A scoring convolution's weights converted once to oneDNN's blocked layout. libtorch's eager convolution converts
/// its weights to that layout at every call and keeps nothing, which costs more than the convolution itself where the
/// weights are large and the output has few places: at <c>small</c> the encoder's last block, 256 x 256 x 3 x 3
/// weights over four 2 x 2 windows, took 190 µs a call with the conversion and 122 µs without (2 threads, AMD EPYC
/// Zen 5). Where the output has many places the converted path's own overhead (about 60 µs a call beyond the kernel)
/// outweighs what it saves, so only convolutions with at most <see cref="MaxOutputPlaces"/> output places and at least
/// <see cref="MinWeightElements"/> weights take it; and only with oneDNN's AVX-512 kernels, since with its AVX2 kernels
/// (a processor without AVX-512, or the cap at AVX2) one <c>small</c> image took 14.1 ms this way against 13.1 ms.
/// TorchSharp has no call for the conversion: libtorch's <c>mkldnn_reorder_conv2d_weight</c> and
/// <c>mkldnn_convolution</c> are reached through TorchScript, which TorchSharp's libtorch for x64 has with oneDNN. Should
/// the conversion fail, no convolution of the process tries again and each keeps the usual path.
/// </summary>
internal sealed class PrepackedWeights : IDisposable
{
    /// <summary>Output places (images x height x width) up to which a convolution converts its weights once.</summary>
    public const long MaxOutputPlaces = 256;

    /// <summary>Weights (elements) from which a convolution converts them once: 64 K floats, 256 KB.</summary>
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

    private readonly Tensor packed;
    private readonly Tensor bias;
    private readonly int padding, stride;

    private PrepackedWeights(Tensor packed, Tensor bias, int padding, int stride)
    {
        this.packed = packed;
        this.bias = bias;
        this.padding = padding;
        this.stride = stride;
    }

    /// <summary>Whether libtorch converted weights in this process, or has not been asked yet.</summary>
    public static bool Available => !unavailable;

    /// <summary>
    /// Whether a convolution of <paramref name="weight"/> (out, in, kh, kw) over <paramref name="input"/> converts its
    /// weights once: float CPU tensors, square kernel, equal strides and paddings, no dilation, few output places and
    /// many weights.
    /// </summary>
    public static bool Suits(Tensor input, Tensor weight, long[] stride, long[]? padding, long[] dilation)
    {
        if (unavailable || !NativeKernels.RunsAvx512Kernels || input.device_type != DeviceType.CPU || input.dtype != ScalarType.Float32 || input.dim() != 4) return false;
        long kernel = weight.shape[2];
        if (kernel != weight.shape[3] || stride.Length != 2 || stride[0] != stride[1] || dilation.Any(d => d != 1)) return false;
        if (padding is null || padding.Length != 2 || padding[0] != padding[1]) return false;
        if (weight.numel() < MinWeightElements) return false;
        long height = (input.shape[2] + 2 * padding[0] - kernel) / stride[0] + 1;
        long width = (input.shape[3] + 2 * padding[0] - kernel) / stride[0] + 1;
        return input.shape[0] * height * width <= MaxOutputPlaces;
    }

    /// <summary>
    /// Converts <paramref name="weight"/> for inputs shaped like <paramref name="input"/>; null where libtorch cannot
    /// (then no convolution of this process tries again).
    /// </summary>
    public static PrepackedWeights? Pack(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding)
    {
        try
        {
            using var scope = NewDisposeScope();
            int pad = checked((int)padding[0]), step = checked((int)stride[0]);
            var packed = (Tensor)Functions.Value.invoke("pack", weight.contiguous(), pad, step,
                checked((int)input.shape[0]), checked((int)input.shape[1]), checked((int)input.shape[2]), checked((int)input.shape[3]));
            return new PrepackedWeights(packed.DetachFromDisposeScope(), bias.alias().DetachFromDisposeScope(), pad, step);
        }
        catch (ExternalException)
        {
            unavailable = true;
            return null;
        }
    }

    /// <summary>The convolution of <paramref name="input"/> (N, C, H, W) with the converted weights and the bias.</summary>
    public Tensor Apply(Tensor input) => (Tensor)Functions.Value.invoke("convolve", input.contiguous(), packed, bias, padding, stride);

    /// <inheritdoc/>
    public void Dispose()
    {
        packed.Dispose();
        bias.Dispose();
    }
}
