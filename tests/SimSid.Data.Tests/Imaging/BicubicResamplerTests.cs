using SimSid.Data.Imaging;

namespace SimSid.Data.Tests.Imaging;

public sealed class BicubicResamplerTests
{
    [Theory]
    [InlineData(37, 19, 8, 8)]
    [InlineData(5, 6, 32, 17)]
    public void KeepsAConstantImageConstant(int inWidth, int inHeight, int outWidth, int outHeight)
    {
        var image = new GrayscaleImage(inWidth, inHeight, Enumerable.Repeat(0.3f, inWidth * inHeight).ToArray());

        var resized = BicubicResampler.Resize(image, outWidth, outHeight);

        Assert.Equal((outWidth, outHeight), (resized.Width, resized.Height));
        Assert.All(resized.Pixels, v => Assert.Equal(0.3f, v, 5));
    }

    [Fact]
    public void ReproducesALinearRampAwayFromTheBorders()
    {
        const int inWidth = 16;
        var image = new GrayscaleImage(inWidth, 1, Enumerable.Range(0, inWidth).Select(x => x / 20f).ToArray());

        var resized = BicubicResampler.Resize(image, 40, 1);

        double scale = inWidth / 40.0;
        for (int x = 6; x < 34; x++)
        {
            double source = ((x + 0.5) * scale) - 0.5;
            Assert.Equal(source / 20, resized.Pixels[x], 4);
        }
    }

    [Fact]
    public void ResizesTheRegionItIsGiven_AsIfThePixelsBeyondItWereNotThere()
    {
        // A ramp of 40 pixels of which the first 30 are the image (as the last, partial pixel of an image decoded at a
        // fraction of a side the fraction does not divide): the 6 outputs sample the ramp every 5 pixels, not every 6.67.
        const int inWidth = 40;
        var ramp = Enumerable.Range(0, inWidth).Select(x => (x + 0.5f) / 50f).ToArray();

        var region = BicubicResampler.Resize(ramp, inWidth, 1, 6, 1, extentWidth: 30, extentHeight: 1);
        var whole = BicubicResampler.Resize(ramp, inWidth, 1, 6, 1);

        for (int x = 2; x < 5; x++)
        {
            Assert.Equal((x + 0.5) * 5 / 50, region[x], 5);
        }

        Assert.Equal(2.5 * inWidth / 6 / 50, whole[2], 5); // the whole ramp's outputs whose kernel stays inside it
        Assert.Equal(3.5 * inWidth / 6 / 50, whole[3], 5);

        Assert.Equal(whole, BicubicResampler.Resize(ramp, inWidth, 1, 6, 1, extentWidth: inWidth, extentHeight: 1));
    }

    [Fact]
    public void AntialiasesWhenShrinking()
    {
        // A one-pixel checkerboard shrunk by 2 must average out, not alias to black or white.
        var image = new GrayscaleImage(32, 32, Enumerable.Range(0, 32 * 32).Select(i => (float)(((i % 32) + (i / 32)) % 2)).ToArray());

        var resized = BicubicResampler.Resize(image, 16, 16);

        Assert.All(resized.Pixels, v => Assert.InRange(v, 0.4f, 0.6f));
    }

    [Fact]
    public void ClampsOvershootAtSharpEdges()
    {
        var image = new GrayscaleImage(8, 1, [0, 0, 0, 0, 1, 1, 1, 1]);

        var resized = BicubicResampler.Resize(image, 32, 1);

        Assert.All(resized.Pixels, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(0f, resized.Pixels.Min());
        Assert.Equal(1f, resized.Pixels.Max());
    }
}
