using SimSid.Torch.Network;
using SimSid.Torch.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Network;

public sealed class ChannelSafeConvolutionTests
{
    // Channel counts whose input gradient libtorch's oneDNN computed wrongly with its AVX-512 kernels (AMD EPYC Zen 5):
    // output channels not a multiple of 16, more than 16 input channels not a multiple of 16, 48 input channels at stride 2.
    [Theory]
    [InlineData(8, 8, 3, 1)]
    [InlineData(1, 8, 3, 1)]
    [InlineData(24, 16, 3, 1)]
    [InlineData(48, 32, 3, 2)]
    [InlineData(16, 12, 5, 2)]
    public void AConvolutionWithUnsafeChannelCounts_GivesTheOutputAndGradientsOfDoublePrecision(int inChannels, int outChannels, int kernel, int stride)
    {
        var generator = new Generator(11);
        using var conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2);
        Assert.True(ChannelSafeConvolution.NeedsPadding(conv));
        // The wrong gradients came from memory the kernels left unset, so they showed in some calls and not others.
        for (int trial = 0; trial < 4; trial++)
        {
            var (shape, errors) = AgainstDoublePrecision(conv, input => ChannelSafeConvolution.Call(conv, input), generator, batch: 8, side: 16);
            Assert.Equal([8, outChannels, 16 / stride, 16 / stride], shape);
            Assert.True(errors.All(e => e < 1e-5), $"relative errors (output, input gradient, weight gradient) {string.Join(", ", errors)}");
        }
    }

    [Fact]
    public void SafeChannelCounts_AreMultiplesOf16Out_AndUpTo16OrMultiplesOf32In()
    {
        Assert.Equal([16, 16, 32, 256], new long[] { 1, 16, 20, 256 }.Select(ChannelSafeConvolution.SafeOutputChannels));
        Assert.Equal([1, 8, 16, 32, 64, 192], new long[] { 1, 8, 16, 24, 48, 192 }.Select(ChannelSafeConvolution.SafeInputChannels));
        using var pointwise = nn.Conv2d(24, 1, 1);
        Assert.False(ChannelSafeConvolution.NeedsPadding(pointwise));
    }

    [Fact]
    public void ThePaperPresetsAndTheCpuRecipe_RunEveryConvolutionAsItIs_AndTheTinyPresetPadsSome()
    {
        foreach (var preset in new[] { SimSidPresets.Zhang, SimSidPresets.CheXpert, SimSidPresets.Covidx, SimSidPresets.Cpu, SimSidPresets.Small })
        {
            using var model = SimSidModel.Create(preset);
            var convolutions = Convolutions(model).ToList();
            Assert.NotEmpty(convolutions);
            Assert.DoesNotContain(convolutions, ChannelSafeConvolution.NeedsPadding);
        }
        using var tiny = SimSidModel.Create(SimSidPresets.Tiny);
        Assert.Contains(Convolutions(tiny), ChannelSafeConvolution.NeedsPadding);
    }

    // A processor whose kernels get other channel counts wrong (the AVX-512 ones above were found on one machine) fails
    // here, naming the shapes, rather than as a training that diverges.
    [Fact]
    public void EveryConvolutionShapeOfThePresets_GivesTheOutputAndGradientsOfDoublePrecision()
    {
        var shapes = new[] { SimSidPresets.Zhang, SimSidPresets.CheXpert, SimSidPresets.Covidx, SimSidPresets.Cpu }
            .SelectMany(ConvolutionShapes).Distinct().ToList();
        var generator = new Generator(12);
        var wrong = new List<string>();
        foreach (var (inChannels, outChannels, kernel, stride) in shapes)
        {
            using var conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2);
            int side = inChannels > 128 ? 8 : 16;
            for (int trial = 0; trial < 3; trial++)
            {
                var (_, errors) = AgainstDoublePrecision(conv, conv.call, generator, batch: 2, side);
                if (errors.Any(e => !(e < 1e-5)))
                    wrong.Add($"{inChannels} -> {outChannels}, {kernel} x {kernel}, stride {stride}: relative errors (output, input gradient, weight gradient) {string.Join(", ", errors.Select(e => e.ToString("G3")))}");
            }
        }
        Assert.True(shapes.Count >= 20, $"only {shapes.Count} shapes found");
        Assert.True(wrong.Count == 0, $"{NativeKernels.Summary}; wrong:\n{string.Join("\n", wrong)}");
    }

    // The distinct (in, out, kernel, stride) of a preset's convolutions.
    private static IEnumerable<(int In, int Out, int Kernel, int Stride)> ConvolutionShapes(SimSidOptions options)
    {
        using var generator = new SimSidGenerator(options.Network);
        using var discriminator = new Discriminator(options.Network);
        return generator.modules().Concat(discriminator.modules()).OfType<Conv2d>()
            .Select(c => ((int)c.in_channels, (int)c.out_channels, (int)c.kernel_size[0], (int)c.stride[0])).ToList();
    }

    private static IEnumerable<Conv2d> Convolutions(SimSidModel model) =>
        model.Generator.modules().Concat(model.Discriminator.modules()).OfType<Conv2d>();

    // The output shape of call(conv's input) on a random input, and the relative errors of its output, input gradient and
    // weight gradient against a double-precision convolution with conv's weights.
    private static (long[] OutputShape, double[] Errors) AgainstDoublePrecision(Conv2d conv, Func<Tensor, Tensor> call, Generator generator, int batch, int side)
    {
        using var scope = NewDisposeScope();
        var input = randn([batch, conv.in_channels, side, side], generator: generator).requires_grad_();
        conv.zero_grad();
        var output = call(input);
        var outputGradient = randn(output.shape, generator: generator);
        output.backward([outputGradient]);

        var x = input.detach().to(ScalarType.Float64).requires_grad_();
        var weight = conv.weight!.detach().to(ScalarType.Float64).requires_grad_();
        long stride = conv.stride[0], padding = conv.kernel_size[0] / 2;
        var expected = nn.functional.conv2d(x, weight, conv.bias!.detach().to(ScalarType.Float64), strides: [stride, stride], padding: [padding, padding]);
        expected.backward([outputGradient.to(ScalarType.Float64)]);
        return (output.shape, [TensorDifference.Relative(output, expected.detach()), TensorDifference.Relative(input.grad!, x.grad!), TensorDifference.Relative(conv.weight!.grad!, weight.grad!)]);
    }
}
