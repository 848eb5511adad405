using SimSid.Torch.Pretrained;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Pretrained;

/// <summary>The ImageNet ResNet-18 read from the bundled ONNX file computes what the ONNX graph specifies.</summary>
public sealed class PretrainedResNet18Tests
{
    // Two 64 x 64 test patterns in [-1, 1]: a smooth wave and a modular texture.
    private static Tensor Patterns()
    {
        var pixels = new float[2 * 64 * 64];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                pixels[y * 64 + x] = (float)(Math.Sin(x / 5.0) * Math.Cos(y / 7.0));
                pixels[4096 + y * 64 + x] = (float)((x * y % 17) / 8.5 - 1);
            }
        return tensor(pixels, [2, 1, 64, 64]);
    }

    // Per-channel means of channels 0-15 of the fourth block's output for the two patterns, computed by an
    // independent NumPy execution of the same ONNX graph (convolutions and batch normalisations unfused).
    private static readonly float[][] ExpectedChannelMeans =
    [
        [0.90791f, 0.10045f, 0.39401f, 0.17722f, 1.60517f, 2.10108f, 0.33872f, 2.16513f, 1.12386f, 1.24097f, 0.53750f, 1.76602f, 0.60319f, 2.72557f, 1.19648f, 3.65685f],
        [0.30828f, 0.10069f, 0.00000f, 2.08401f, 0.83103f, 1.27928f, 2.08665f, 0.98205f, 5.20169f, 0.30848f, 0.12651f, 0.08987f, 1.81414f, 2.19840f, 1.22902f, 0.41945f],
    ];

    [Fact]
    public void TheFourthBlocksFeatures_MatchAnIndependentExecutionOfTheOnnxGraph()
    {
        Assert.True(PretrainedResNet18.IsAvailable, $"the build copies the ONNX file to {PretrainedResNet18.BundledPath}");
        using var network = PretrainedResNet18.Load(PretrainedResNet18.BundledPath, CPU);
        using var _ = no_grad();
        using var input = Patterns();

        using var features = network.Forward(input);

        Assert.Equal([2L, PretrainedResNet18.Channels(ResNetStage.Second), 8, 8], features.shape);
        using var means = features.mean([2, 3]);
        for (int image = 0; image < 2; image++)
            for (int channel = 0; channel < 16; channel++)
                Assert.Equal(ExpectedChannelMeans[image][channel], means[image, channel].item<float>(), 1e-3);
        Assert.Equal(19.5515, features.max().item<float>(), 1e-2);
        Assert.Equal(5.539656, features[1, 5, 1, 2].item<float>(), 1e-3);
        // Images are independent of their batch: the second pattern alone gives its own features.
        using var alone = network.Forward(input.narrow(0, 1, 1));
        Assert.True(alone.allclose(features.narrow(0, 1, 1), rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void LoadedUpToTheThirdStage_ItGivesTheSecondStagesFeaturesUnchanged_AndTheThirdsAtHalfTheirSide()
    {
        using var second = PretrainedResNet18.Load(PretrainedResNet18.BundledPath, CPU);
        using var third = PretrainedResNet18.Load(PretrainedResNet18.BundledPath, CPU, ResNetStage.Third);
        using var _ = no_grad();
        using var input = Patterns();

        using var secondFeatures = second.Forward(input);
        using var sameFeatures = third.Forward(input, ResNetStage.Second);
        using var thirdFeatures = third.Forward(input, ResNetStage.Third);
        using var alone = third.Forward(input.narrow(0, 1, 1), ResNetStage.Third);

        Assert.Equal((ResNetStage.Second, ResNetStage.Third), (second.LastStage, third.LastStage));
        Assert.True(sameFeatures.eq(secondFeatures).all().item<bool>());
        Assert.Equal((256, 16), (PretrainedResNet18.Channels(ResNetStage.Third), PretrainedResNet18.Stride(ResNetStage.Third)));
        Assert.Equal([2L, 256, 4, 4], thirdFeatures.shape);
        // After a ReLU: non-negative, and not all zero.
        Assert.True(thirdFeatures.min().item<float>() >= 0 && thirdFeatures.max().item<float>() > 0.1);
        Assert.True(alone.allclose(thirdFeatures.narrow(0, 1, 1), rtol: 1e-4, atol: 1e-4));
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => second.Forward(input, ResNetStage.Third));
        Assert.Contains("loaded up to its second stage", refused.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PretrainedFeatures(second, ResNetStage.Third));
    }

    [Fact]
    public void ThirdStageFeatures_DescribeAGridOfPlacesTwiceAsCoarse_EachItsSurroundings()
    {
        using var network = PretrainedResNet18.Load(PretrainedResNet18.BundledPath, CPU, ResNetStage.Third);
        using var _ = no_grad();
        using var input = Patterns();

        var second = new PretrainedFeatures(network);
        var third = new PretrainedFeatures(network, ResNetStage.Third);
        using var secondPlaces = second.Describe(input);
        using var thirdPlaces = third.Describe(input);

        Assert.Equal((32, 16), (second.GridSize, third.GridSize));
        Assert.Equal([2L, 128, 32 * 32], secondPlaces.shape);
        Assert.Equal([2L, 256, 16 * 16], thirdPlaces.shape);
        // Each place is one third-stage feature averaged with its 3 x 3 neighbours, row-major.
        using var features = network.Forward(nn.functional.interpolate(input, [PretrainedFeatures.InputSize, PretrainedFeatures.InputSize],
            mode: InterpolationMode.Bilinear, align_corners: false), ResNetStage.Third);
        Assert.Equal([2L, 256, 16, 16], features.shape);
        using var cornerSurroundings = features.narrow(2, 0, 2).narrow(3, 0, 2).mean([2, 3]);
        using var insideSurroundings = features.narrow(2, 4, 3).narrow(3, 7, 3).mean([2, 3]);
        Assert.True(thirdPlaces.select(2, 0).allclose(cornerSurroundings, rtol: 1e-4, atol: 1e-5));
        Assert.True(thirdPlaces.select(2, 5 * 16 + 8).allclose(insideSurroundings, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void AMissingFile_IsNamed_WithTheVariableThatPointsElsewhere()
    {
        string path = Path.Combine(Path.GetTempPath(), $"simsid-no-such-{Guid.NewGuid():N}.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => PretrainedResNet18.Load(path, CPU));

        Assert.Contains(path, error.Message);
        Assert.Contains(PretrainedResNet18.WeightsVariable, error.Message);
    }

    [Fact]
    public void AFileThatIsNotOnnx_IsRefusedWithItsPath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"simsid-not-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => PretrainedResNet18.Load(path, CPU));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(3, 3, 2, 2, 1, 1, 1, 1, 64)] // ResNet's stem pooling
    [InlineData(3, 3, 2, 2, 1, 1, 1, 1, 33)] // an odd side
    [InlineData(2, 3, 2, 1, 0, 1, 1, 0, 20)] // uneven kernel, strides and pads
    public void MaxPooling_GivesTheValuesOfMaxPool2dOnAnInputPaddedWithMinusInfinity(int kh, int kw, int sh, int sw, int top, int left, int bottom, int right, int side)
    {
        using var _ = no_grad();
        manual_seed(3);
        using var x = randn(2, 5, side, side + 3);
        long[] pads = [top, left, bottom, right];

        using var pooled = PretrainedResNet18.MaxPool(x, [kh, kw], [sh, sw], pads);

        using var padded = nn.functional.pad(x, [left, right, top, bottom], TorchSharp.PaddingModes.Constant, double.NegativeInfinity);
        using var expected = nn.functional.max_pool2d(padded, [kh, kw], [sh, sw]);
        Assert.Equal(expected.shape, pooled.shape);
        Assert.True(expected.eq(pooled).all().item<bool>());
    }
}
