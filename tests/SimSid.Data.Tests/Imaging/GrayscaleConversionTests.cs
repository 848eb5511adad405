using SimSid.Data.Imaging;

namespace SimSid.Data.Tests.Imaging;

public sealed class GrayscaleConversionTests
{
    // Red, green, blue and white, with alphas that must not matter.
    private static readonly byte[] Rgba = [255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 128, 255, 255, 255, 7];
    private static readonly byte[] Bgra = [0, 0, 255, 255, 0, 255, 0, 0, 255, 0, 0, 128, 255, 255, 255, 7];

    [Theory]
    [InlineData(ChannelOrder.Rgba)]
    [InlineData(ChannelOrder.Bgra)]
    public void FromColour32_UsesBt601LumaAndIgnoresAlpha(ChannelOrder order)
    {
        var image = GrayscaleConversion.FromColour32(2, 2, order == ChannelOrder.Rgba ? Rgba : Bgra, order);

        Assert.Equal((2, 2), (image.Width, image.Height));
        Assert.Equal([0.299f, 0.587f, 0.114f, 1f], image.Pixels, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void FromColour32_EitherChannelOrder_GivesBitIdenticalPixels()
    {
        var random = new Random(3);
        var rgba = new byte[5 * 3 * 4];
        random.NextBytes(rgba);
        var bgra = (byte[])rgba.Clone();
        for (int p = 0; p < bgra.Length; p += 4)
        {
            (bgra[p], bgra[p + 2]) = (rgba[p + 2], rgba[p]);
        }

        Assert.Equal(
            GrayscaleConversion.FromColour32(5, 3, rgba, ChannelOrder.Rgba).Pixels,
            GrayscaleConversion.FromColour32(5, 3, bgra, ChannelOrder.Bgra).Pixels);
    }

    [Fact]
    public void FromColour32_WrongByteCount_SaysHowManyAreNeeded()
    {
        var error = Assert.Throws<ArgumentException>(() => GrayscaleConversion.FromColour32(3, 2, new byte[20], ChannelOrder.Rgba));

        Assert.StartsWith("A 3x2 image of 4 bytes per pixel needs 24 bytes, but 20 were given.", error.Message);
        Assert.Equal("pixels", error.ParamName);
    }

    [Fact]
    public void Luma_ClampsToTheUnitRange()
    {
        Assert.Equal(1f, GrayscaleConversion.Luma(2f, 2f, 2f));
        Assert.Equal(0f, GrayscaleConversion.Luma(-1f, 0f, 0f));
        Assert.Equal((0.299f * 0.5f) + (0.587f * 0.25f) + (0.114f * 1f), GrayscaleConversion.Luma(0.5f, 0.25f, 1f));
    }
}
