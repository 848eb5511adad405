using System.Runtime.InteropServices;
using SkiaSharp;

namespace SimSid.Data.Imaging;

/// <summary>
/// Reads radiographs from PNG or JPEG files (8- or 16-bit, grayscale or colour, any size) into
/// grayscale images with values in [0, 1]. Colour is reduced by <see cref="GrayscaleConversion"/>
/// (ITU-R BT.601 luma, as PIL's <c>convert('L')</c>); alpha is ignored; no colour management is
/// applied. 16-bit PNGs keep more than 8 bits of precision: grayscale ones are decoded exactly,
/// colour ones through half floats (11 significant bits). <see cref="Prepare"/> is the one resize
/// to the model's input used by every entry point (CLI, trainer and the ML.NET transform).
/// </summary>
public static class RadiographLoader
{
    /// <summary>Images larger than this many pixels are refused rather than exhausting memory.</summary>
    public const long MaxPixels = 200_000_000;

    /// <summary>
    /// Loads <paramref name="path"/> as a <paramref name="size"/> x <paramref name="size"/> grayscale
    /// image (row-major, values in [0, 1], 0 = black), resized with <see cref="BicubicResampler"/>.
    /// </summary>
    /// <exception cref="RadiographLoadException">The file is missing, unreadable, truncated, corrupt or not an image.</exception>
    public static float[] Load(string path, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return Prepare(Decode(path), size);
    }

    /// <summary>
    /// Turns a decoded image of any size into the model's input: <paramref name="size"/> x
    /// <paramref name="size"/> row-major pixels in [0, 1], stretched to the square with
    /// <see cref="BicubicResampler"/> (as the SimSID reference resizes).
    /// </summary>
    public static float[] Prepare(GrayscaleImage image, int size)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return BicubicResampler.Resize(image, size, size).Pixels;
    }

    /// <summary>Decodes <paramref name="path"/> at its own size.</summary>
    /// <exception cref="RadiographLoadException">The file is missing, unreadable, truncated, corrupt or not an image.</exception>
    public static GrayscaleImage Decode(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ReadFile(path);
        try
        {
            return Decode(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new RadiographLoadException(path, e.Message, e);
        }
    }

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a complete, decodable image.</exception>
    public static GrayscaleImage Decode(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0)
        {
            throw new InvalidDataException("the file is empty");
        }

        bool isPng = PngHeader.TryRead(encoded, out var png);
        if (isPng && PngGrayscaleDecoder.Reads(png))
        {
            CheckSize(png.Width, png.Height);
            return PngGrayscaleDecoder.Decode(encoded, png);
        }

        return DecodeWithSkia(encoded, sixteenBitColour: isPng && png.BitDepth == 16);
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RadiographLoadException(path, "the file does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new RadiographLoadException(path, $"the file cannot be read ({e.Message})", e);
        }
    }

    private static GrayscaleImage DecodeWithSkia(byte[] encoded, bool sixteenBitColour)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException("the content is not a recognised image format (expected PNG or JPEG)");
        int width = codec.Info.Width;
        int height = codec.Info.Height;
        CheckSize(width, height);

        // A gray source decodes straight to one byte per pixel: a quarter of the work, and the same values.
        bool gray = !sixteenBitColour && codec.Info.ColorType == SKColorType.Gray8;
        var colorType = sixteenBitColour ? SKColorType.RgbaF16 : gray ? SKColorType.Gray8 : SKColorType.Rgba8888;
        var info = new SKImageInfo(width, height, colorType, gray ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        var buffer = new byte[info.BytesSize64];
        var handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }

        if (result != SKCodecResult.Success)
        {
            throw new InvalidDataException(Describe(result, codec.EncodedFormat));
        }

        if (gray)
        {
            return GrayscaleConversion.FromGray8(width, height, buffer);
        }

        if (!sixteenBitColour)
        {
            return GrayscaleConversion.FromColour32(width, height, buffer, ChannelOrder.Rgba);
        }

        var halves = MemoryMarshal.Cast<byte, Half>(buffer.AsSpan());
        var pixels = new float[(long)width * height];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = GrayscaleConversion.Luma((float)halves[4 * i], (float)halves[(4 * i) + 1], (float)halves[(4 * i) + 2]);
        }

        return new GrayscaleImage(width, height, pixels);
    }

    private static void CheckSize(int width, int height)
    {
        if (width < 1 || height < 1)
        {
            throw new InvalidDataException($"the image header gives an empty size {width}x{height}");
        }

        if ((long)width * height > MaxPixels)
        {
            throw new InvalidDataException(
                $"the image is {width}x{height}, more than the {MaxPixels:N0} pixels this loader accepts");
        }
    }

    private static string Describe(SKCodecResult result, SKEncodedImageFormat format) => result switch
    {
        SKCodecResult.IncompleteInput => $"the {format} data ends early (truncated file)",
        SKCodecResult.ErrorInInput => $"the {format} data is corrupt",
        SKCodecResult.InvalidInput => $"the {format} data is invalid",
        _ => $"the {format} decoder failed ({result})",
    };
}
