using SimSid.Data.Imaging;
using SimSid.Data.Tests.Support;
using SimSid.Tests.Shared.Imaging;
using SkiaSharp;

namespace SimSid.Data.Tests.Imaging;

public sealed class RadiographLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Decodes8BitGrayscalePngExactly()
    {
        string path = _folder.File("gray8.png");
        ImageFixtures.Gray8Png(path, 7, 5, (x, y) => (byte)((x * 30) + y));

        var image = RadiographLoader.Decode(path);

        Assert.Equal((7, 5), (image.Width, image.Height));
        Assert.Equal(((3 * 30) + 4) / 255f, image[3, 4], 6);
        Assert.Equal(0f, image[0, 0]);
    }

    [Fact]
    public void AGrayPng_ReadsBitForBitAsTheSameLevelsStoredInColour()
    {
        // Gray sources decode to one byte per pixel; they must give exactly what the colour path gives gray pixels.
        string gray = _folder.File("levels-gray.png"), colour = _folder.File("levels-rgb.png");
        ImageFixtures.Gray8Png(gray, 16, 16, (x, y) => (byte)((16 * y) + x));
        ImageFixtures.Rgb(colour, 16, 16, (x, y) => ((byte)((16 * y) + x), (byte)((16 * y) + x), (byte)((16 * y) + x)), SKEncodedImageFormat.Png);

        Assert.Equal((0, 2), (File.ReadAllBytes(gray)[25], File.ReadAllBytes(colour)[25])); // the PNG colour types: gray, RGB
        var fromGray = RadiographLoader.Decode(gray).Pixels;

        Assert.Equal(RadiographLoader.Decode(colour).Pixels, fromGray);
        Assert.Equal(256, fromGray.Distinct().Count());
    }

    [Theory]
    [InlineData(8, false, false)]
    [InlineData(8, true, false)]
    [InlineData(8, false, true)]
    [InlineData(8, true, true)]
    [InlineData(16, false, false)]
    [InlineData(16, true, false)]
    [InlineData(16, false, true)]
    [InlineData(16, true, true)]
    public void DecodesGrayscalePngRowsOfEveryFilter_WithOrWithoutAlpha_InterlacedOrNot(int bitDepth, bool alpha, bool interlaced)
    {
        int top = (1 << bitDepth) - 1;
        ushort Level(int x, int y) => (ushort)(((x * 97) + (y * 389) + (x * y * 7)) % (top + 1));
        string path = _folder.File($"gray{bitDepth}-{alpha}-{interlaced}.png");
        ImageFixtures.HandWrittenPng(path, 23, 13, Level, bitDepth, alpha ? ImageFixtures.PngGrayscaleAlpha : ImageFixtures.PngGrayscale, interlaced);

        var image = RadiographLoader.Decode(path);

        Assert.Equal((23, 13), (image.Width, image.Height));
        for (int y = 0; y < 13; y++)
        {
            for (int x = 0; x < 23; x++)
            {
                Assert.Equal(Level(x, y) / (float)top, image[x, y], 1e-6f);
            }
        }
    }

    [Fact]
    public void An8BitGrayPngAsSkiaSharpEncodesIt_ReadsBitForBitAsSkiaSharpDecodesIt()
    {
        string path = _folder.File("noisy-gray8.png");
        var random = new Random(5);
        var levels = new byte[61, 97];
        for (int y = 0; y < 61; y++)
        {
            for (int x = 0; x < 97; x++)
            {
                levels[y, x] = (byte)Math.Clamp((x * 2) + y + random.Next(-20, 21), 0, 255);
            }
        }

        ImageFixtures.Gray8Png(path, 97, 61, (x, y) => levels[y, x]);
        using var skia = SKBitmap.Decode(path, new SKImageInfo(97, 61, SKColorType.Gray8, SKAlphaType.Opaque));

        Assert.Equal(GrayscaleConversion.FromGray8(97, 61, skia.GetPixelSpan()).Pixels, RadiographLoader.Decode(path).Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Keeps16BitGrayscalePrecision(bool interlaced)
    {
        // Neighbouring values differ by 7/65535, far less than one 8-bit step (257/65535).
        string path = _folder.File($"gray16-{interlaced}.png");
        ImageFixtures.Png16(path, 19, 11, (x, y) => (ushort)(30000 + (7 * x) + (1000 * y)), interlaced: interlaced);

        var image = RadiographLoader.Decode(path);

        Assert.Equal((19, 11), (image.Width, image.Height));
        for (int y = 0; y < 11; y++)
        {
            for (int x = 0; x < 19; x++)
            {
                Assert.Equal((30000 + (7 * x) + (1000 * y)) / 65535f, image[x, y], 6);
            }
        }
    }

    [Fact]
    public void Keeps16BitRgbPrecisionBeyond8Bits()
    {
        string path = _folder.File("rgb16.png");
        ImageFixtures.Png16(path, 16, 2, (x, _) => (ushort)(20000 + (40 * x)), rgb: true);

        var image = RadiographLoader.Decode(path);

        for (int x = 0; x < 16; x++)
        {
            // Half floats keep 11 significant bits: error below 1/4096 here, against 1/510 for 8 bits.
            Assert.InRange(Math.Abs(image[x, 1] - ((20000 + (40 * x)) / 65535f)), 0, 1f / 4096);
        }

        Assert.Equal(16, image.Pixels.Take(16).Distinct().Count());
    }

    [Fact]
    public void ConvertsRgbWithLumaWeights()
    {
        string png = _folder.File("rgb.png");
        string jpeg = _folder.File("rgb.jpg");
        ImageFixtures.Rgb(png, 8, 8, (_, _) => (200, 100, 50), SKEncodedImageFormat.Png);
        ImageFixtures.Rgb(jpeg, 16, 16, (_, _) => (200, 100, 50), SKEncodedImageFormat.Jpeg);
        float luma = ((0.299f * 200) + (0.587f * 100) + (0.114f * 50)) / 255f;

        Assert.All(RadiographLoader.Decode(png).Pixels, v => Assert.Equal(luma, v, 4));
        Assert.All(RadiographLoader.Decode(jpeg).Pixels, v => Assert.InRange(v, luma - 0.02f, luma + 0.02f));
    }

    [Fact]
    public void LoadResizesAnySizeToTheRequestedSquare()
    {
        string wide = _folder.File("wide.png");
        ImageFixtures.Gray8Png(wide, 41, 23, (_, _) => 128);

        float[] pixels = RadiographLoader.Load(wide, 16);

        Assert.Equal(16 * 16, pixels.Length);
        Assert.All(pixels, v => Assert.Equal(128 / 255f, v, 5));
    }

    [Fact]
    public void LoadIsPrepareOfTheDecodedImage()
    {
        string path = _folder.File("tall-rgb.png");
        ImageFixtures.Rgb(path, 13, 29, (x, y) => ((byte)(9 * x), (byte)(8 * y), (byte)(x * y)), SKEncodedImageFormat.Png);

        float[] prepared = RadiographLoader.Prepare(RadiographLoader.Decode(path), 16);

        Assert.Equal(RadiographLoader.Load(path, 16), prepared);
        Assert.Equal(BicubicResampler.Resize(RadiographLoader.Decode(path), 16, 16).Pixels, prepared);
    }

    [Fact]
    public void PrepareRejectsASizeBelowOne()
    {
        var image = new GrayscaleImage(2, 2, [0f, 0.5f, 0.5f, 1f]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RadiographLoader.Prepare(image, 0));

        Assert.Equal("size", error.ParamName);
    }

    [Fact]
    public void MissingFileNamesPathAndReason()
    {
        string path = Path.Combine(_folder.Path, "absent.png");

        var error = Assert.Throws<RadiographLoadException>(() => RadiographLoader.Load(path, 8));

        Assert.Equal(path, error.Path);
        Assert.Equal("the file does not exist", error.Reason);
        Assert.Contains(path, error.Message);
        Assert.Contains("remove it from the dataset", error.Message);
    }

    [Fact]
    public void NonImageFileIsRejectedAsUnrecognised()
    {
        string path = _folder.File("notes.png");
        File.WriteAllText(path, "this is a text file, not a radiograph");

        var error = Assert.Throws<RadiographLoadException>(() => RadiographLoader.Decode(path));

        Assert.Contains("not a recognised image format", error.Reason);
    }

    [Fact]
    public void EmptyFileIsRejected()
    {
        string path = _folder.File("empty.jpg");
        File.WriteAllBytes(path, []);

        Assert.Equal("the file is empty", Assert.Throws<RadiographLoadException>(() => RadiographLoader.Decode(path)).Reason);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("png16")]
    public void TruncatedFileIsRejected(string kind)
    {
        string path = _folder.File($"cut.{kind}");
        switch (kind)
        {
            case "png":
                ImageFixtures.Gray8Png(path, 64, 64, (x, y) => (byte)((x * y) % 251));
                break;
            case "jpg":
                ImageFixtures.Rgb(path, 64, 64, (x, y) => ((byte)(x * 4), (byte)(y * 4), (byte)(x ^ y)), SKEncodedImageFormat.Jpeg);
                break;
            default:
                ImageFixtures.Png16(path, 64, 64, (x, y) => (ushort)(x * y * 13));
                break;
        }

        ImageFixtures.Truncate(path, 0.5);

        var error = Assert.Throws<RadiographLoadException>(() => RadiographLoader.Decode(path));
        Assert.Equal(path, error.Path);
        Assert.Contains("truncated", error.Reason);
    }

    [Fact]
    public void Corrupted16BitDataFailsItsChecksum()
    {
        string path = _folder.File("flipped.png");
        ImageFixtures.Png16(path, 32, 32, (x, y) => (ushort)(x * 1000));
        byte[] bytes = File.ReadAllBytes(path);
        bytes[60] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        Assert.Contains("CRC", Assert.Throws<RadiographLoadException>(() => RadiographLoader.Decode(path)).Reason);
    }

    [Theory]
    [InlineData("gray8", 256, 64)]
    [InlineData("gray8", 256, 128)]
    [InlineData("gray8", 40, 40)]
    [InlineData("gray8-tall", 0, 32)]
    [InlineData("gray8-interlaced-alpha", 0, 16)]
    [InlineData("gray16", 96, 64)]
    [InlineData("gray16", 20, 64)]
    [InlineData("rgb", 50, 32)]
    [InlineData("jpeg", 50, 32)]
    public void Load_GivesBitForBitWhatDecodingThenPreparingGives(string kind, int side, int size)
    {
        // Load decodes gray PNGs into rented buffers; every kind of file must read as through Decode and Prepare.
        string path = _folder.File($"{kind}-{side}.{(kind == "jpeg" ? "jpg" : "png")}");
        byte Level(int x, int y) => (byte)(((x * 37) + (y * 11) + (x * y)) % 256);
        switch (kind)
        {
            case "gray8":
                ImageFixtures.Gray8Png(path, side, side, Level);
                break;
            case "gray8-tall":
                ImageFixtures.Gray8Png(path, 32, 77, Level);
                break;
            case "gray8-interlaced-alpha":
                ImageFixtures.HandWrittenPng(path, 29, 31, (x, y) => Level(x, y), 8, ImageFixtures.PngGrayscaleAlpha, interlaced: true);
                break;
            case "gray16":
                ImageFixtures.Png16(path, side, side, (x, y) => (ushort)((x * 613) + (y * 227)));
                break;
            default:
                ImageFixtures.Rgb(path, side, side, ImageFixtures.Colourful, kind == "jpeg" ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png);
                break;
        }

        var loaded = RadiographLoader.Load(path, size);

        Assert.Equal(size * size, loaded.Length);
        Assert.Equal(RadiographLoader.Prepare(RadiographLoader.Decode(path), size), loaded);
        Assert.Equal(loaded, RadiographLoader.Load(path, size)); // again, from buffers the first load returned
    }

    [Theory]
    [InlineData(1003, 1101, 64, true, false)]   // a quarter: 250 x 275 pixels, at least twice 64; an eighth would not be
    [InlineData(1003, 1101, 128, true, false)]  // a half: 501 x 550
    [InlineData(2051, 1030, 64, false, false)]  // an eighth: 256 x 128, exactly twice 64 in height
    [InlineData(255, 300, 64, false, true)]     // under twice the side at a half: decoded whole
    public void Load_DecodesALargeJpegAtAFractionOfItsSize_NearlyAsFromTheWholeImage(int width, int height, int size, bool gray, bool decodedWhole)
    {
        // A radiograph-like image: smooth anatomy, a fine texture and a sharp edge.
        string path = _folder.File($"large-{width}x{height}-{gray}.jpg");
        byte Level(int x, int y) => (byte)Math.Clamp(
            128 + (90 * Math.Sin(x * 6.0 / width) * Math.Cos(y * 4.0 / height)) + (12 * Math.Sin((x * 0.9) + (y * 0.4))) + (x > width / 3 ? 20 : 0), 0, 255);
        if (gray)
        {
            ImageFixtures.Gray8(path, width, height, Level, SKEncodedImageFormat.Jpeg, quality: 95);
        }
        else
        {
            ImageFixtures.Rgb(path, width, height, (x, y) => (Level(x, y), (byte)(Level(x, y) / 2), 90), SKEncodedImageFormat.Jpeg, quality: 95);
        }

        var whole = RadiographLoader.Prepare(RadiographLoader.Decode(path), size);

        var loaded = RadiographLoader.Load(path, size);

        if (decodedWhole)
        {
            Assert.Equal(whole, loaded);
            return;
        }

        var differences = loaded.Zip(whole, (a, b) => Math.Abs(a - b)).ToArray();
        Assert.True(differences.Max() > 0, "a large JPEG should have been decoded at a fraction of its size");
        Assert.InRange(differences.Average(), 0, 0.5 / 255);
        Assert.InRange(differences.Max(), 0, 3.0 / 255);
    }

    [Fact]
    public void Load_FailsAsDecodeFails_NamingTheFileAndTheReason()
    {
        string empty = _folder.File("empty.png"), cut = _folder.File("cut.png"), text = _folder.File("text.png"), crc = _folder.File("crc.png");
        File.WriteAllBytes(empty, []);
        ImageFixtures.Gray8Png(cut, 64, 64, (x, y) => (byte)((x * y) % 251));
        ImageFixtures.Truncate(cut, 0.5);
        File.WriteAllText(text, "not an image");
        ImageFixtures.Gray8Png(crc, 32, 32, (x, y) => (byte)(x * 8));
        var bytes = File.ReadAllBytes(crc);
        bytes[60] ^= 0xFF;
        File.WriteAllBytes(crc, bytes);

        foreach (var path in new[] { empty, cut, text, crc, Path.Combine(_folder.Path, "absent.png") })
        {
            var expected = Assert.Throws<RadiographLoadException>(() => RadiographLoader.Decode(path));
            var error = Assert.Throws<RadiographLoadException>(() => RadiographLoader.Load(path, 16));
            Assert.Equal((path, expected.Reason), (error.Path, error.Reason));
        }

        var folder = Assert.Throws<RadiographLoadException>(() => RadiographLoader.Load(_folder.Path, 16));
        Assert.Equal(_folder.Path, folder.Path);
        Assert.StartsWith("the file cannot be read", folder.Reason);
    }
}
