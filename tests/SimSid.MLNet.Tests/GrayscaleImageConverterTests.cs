using Microsoft.ML.Data;
using SimSid.MLNet.Imaging;

namespace SimSid.MLNet.Tests;

public sealed class GrayscaleImageConverterTests
{
    private static MLImage Image(int width, int height, MLPixelFormat format, Func<int, int, (byte R, byte G, byte B)> colour)
    {
        var bytes = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = colour(x, y);
                int p = (y * width + x) * 4;
                (bytes[p], bytes[p + 1], bytes[p + 2], bytes[p + 3]) = format == MLPixelFormat.Bgra32 ? (b, g, r, (byte)255) : (r, g, b, (byte)255);
            }
        return MLImage.CreateFromPixels(width, height, format, bytes);
    }

    [Theory]
    [InlineData(MLPixelFormat.Bgra32)]
    [InlineData(MLPixelFormat.Rgba32)]
    public void Convert_UsesBt601LumaForEitherChannelOrder(MLPixelFormat format)
    {
        var colours = new (byte, byte, byte)[] { (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255) };
        using var image = Image(2, 2, format, (x, y) => colours[y * 2 + x]);

        var pixels = new GrayscaleImageConverter(2).Convert(image);

        Assert.Equal([0.299f, 0.587f, 0.114f, 1f], pixels, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Convert_HalvingSize_AveragesTwoByTwoBlocks()
    {
        using var image = Image(4, 4, MLPixelFormat.Bgra32, (x, y) => { byte v = (byte)(16 * (y * 4 + x)); return (v, v, v); });

        var pixels = new GrayscaleImageConverter(2).Convert(image);

        float Block(int bx, int by) => new[] { (0, 0), (1, 0), (0, 1), (1, 1) }
            .Average(d => 16f * ((2 * by + d.Item2) * 4 + 2 * bx + d.Item1) / 255);
        Assert.Equal([Block(0, 0), Block(1, 0), Block(0, 1), Block(1, 1)], pixels, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Convert_ShrinkingByANonIntegerFactor_WeighsPixelsByOverlap()
    {
        // Three columns into two: each target covers 1.5 source pixels.
        using var image = Image(3, 1, MLPixelFormat.Bgra32, (x, _) => x switch { 0 => (0, 0, 0), 1 => (153, 153, 153), _ => (255, 255, 255) });
        var converter = new GrayscaleImageConverter(2);

        var pixels = converter.Convert(image);

        // Rows are stretched from 1 to 2, so both rows are equal.
        float left = (0f + 0.5f * 0.6f) / 1.5f, right = (0.5f * 0.6f + 1f) / 1.5f;
        Assert.Equal([left, right, left, right], pixels, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Convert_Enlarging_InterpolatesBetweenPixelCentres()
    {
        using var image = Image(2, 2, MLPixelFormat.Bgra32, (x, _) => x == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));

        var pixels = new GrayscaleImageConverter(4).Convert(image);

        Assert.All(Enumerable.Range(0, 4), row =>
            Assert.Equal([0f, 0.25f, 0.75f, 1f], pixels.Skip(row * 4).Take(4), (a, b) => Math.Abs(a - b) < 1e-6f));
    }

    [Fact]
    public void AxisResampler_WeightsOfEveryTargetSumToOne()
    {
        foreach (var (from, to) in new[] { (7, 3), (3, 7), (256, 128), (100, 128), (5, 5) })
        {
            var resampler = new AxisResampler(from, to);
            for (int t = 0; t < to; t++)
            {
                Assert.Equal(1f, resampler.Weights(t).ToArray().Sum(), 5);
                Assert.All(resampler.Sources(t).ToArray(), s => Assert.InRange(s, 0, from - 1));
            }
        }
    }
}
