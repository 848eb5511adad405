using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.Data.Imaging;
using SimSid.MLNet.Columns;
using SimSid.MLNet.Imaging;
using SimSid.MLNet.Tests.Support;
using SimSid.Tests.Shared.Imaging;
using SkiaSharp;

namespace SimSid.MLNet.Tests;

/// <summary>
/// An MLImage input must reach the model as exactly the pixels the CLI and trainer read from the same
/// file (<see cref="RadiographLoader.Load"/>): same decoding, same luma, same PIL-exact bicubic resize.
/// </summary>
public sealed class ImagePreparationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("simsid-image-preparation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("wide-gray.png", 75, 40, true)]    // shrunk more along x than along y
    [InlineData("tall-rgb.png", 30, 70, false)]    // enlarged along x, shrunk along y
    [InlineData("small-rgb.png", 20, 12, false)]   // enlarged along both
    public void LoadImages_PngFile_GivesBitForBitThePixelsTheCliReadsFromIt(string name, int width, int height, bool grayscale)
    {
        string path = Path.Combine(_folder, name);
        if (grayscale)
            ImageFixtures.Gray8Png(path, width, height, (x, y) => ImageFixtures.Colourful(x, y).R);
        else
            ImageFixtures.Rgb(path, width, height, ImageFixtures.Colourful, SKEncodedImageFormat.Png);
        Assert.Equal(grayscale ? ImageFixtures.PngGrayscale : ImageFixtures.PngRgb, ImageFixtures.PngColourType(path));

        float[] plugin = Assert.Single(PluginPixels(LoadImages(name)));

        Assert.Equal(TestImages.PixelCount, plugin.Length);
        Assert.Equal(RadiographLoader.Load(path, TestImages.Side), plugin);
    }

    [Fact]
    public void LoadImages_RgbJpeg_GivesBitForBitThePixelsTheCliReadsFromIt()
    {
        string path = Path.Combine(_folder, "photo.jpg");
        ImageFixtures.Rgb(path, 50, 45, ImageFixtures.Colourful, SKEncodedImageFormat.Jpeg, quality: 90);

        float[] plugin = Assert.Single(PluginPixels(LoadImages("photo.jpg")));

        Assert.Equal(RadiographLoader.Load(path, TestImages.Side), plugin);
    }

    [Fact]
    public void InMemoryImage_GivesBitForBitThePixelsTheCliReadsFromItsPngFile()
    {
        var rows = TestImages.Rows(normal: 3, anomalous: 1);
        var files = ImageFiles.Write(_folder, rows);
        var ml = new MLContext(seed: 1);
        var images = ml.Data.LoadFromEnumerable(rows.Select(r => new ImageRow { Image = TestImages.ToImage(r.Pixels, scale: 2) }));

        var plugin = PluginPixels(images, nameof(ImageRow.Image));

        Assert.Equal(files.CliPixels(), plugin);
    }

    [Theory]
    [InlineData(MLPixelFormat.Bgra32)]
    [InlineData(MLPixelFormat.Rgba32)]
    public void Convert_EitherPixelFormat_UsesBt601LumaAndIgnoresAlpha(MLPixelFormat format)
    {
        // Red, green, blue and white; the alphas vary and must not matter.
        var colours = new (byte R, byte G, byte B, byte A)[] { (255, 0, 0, 255), (0, 255, 0, 0), (0, 0, 255, 128), (255, 255, 255, 7) };
        var bytes = colours.SelectMany(c => format == MLPixelFormat.Bgra32 ? new[] { c.B, c.G, c.R, c.A } : [c.R, c.G, c.B, c.A]).ToArray();
        using var image = MLImage.CreateFromPixels(2, 2, format, bytes);

        var gray = MLImageGrayscale.Convert(image);

        Assert.Equal((2, 2), (gray.Width, gray.Height));
        Assert.Equal([0.299f, 0.587f, 0.114f, 1f], gray.Pixels, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    private IDataView LoadImages(params string[] names)
    {
        var ml = new MLContext(seed: 1);
        var paths = ml.Data.LoadFromEnumerable(names.Select(n => new ImagePathRow { ImagePath = n }));
        return ml.Transforms.LoadImages("Image", _folder, nameof(ImagePathRow.ImagePath)).Fit(paths).Transform(paths);
    }

    /// <summary>What the plugin hands the model for each row of the image column, read as the transformer reads it.</summary>
    private static float[][] PluginPixels(IDataView data, string column = "Image")
    {
        var input = SimSidInputColumn.Bind(data.Schema, column, TestImages.Side, SimSidPixelRange.ZeroToOne);
        using var cursor = data.GetRowCursor(data.Schema);
        var reader = input.CreateReader(cursor);
        var pixels = new List<float[]>();
        while (cursor.MoveNext())
            pixels.Add(reader.Read());
        return [.. pixels];
    }
}
