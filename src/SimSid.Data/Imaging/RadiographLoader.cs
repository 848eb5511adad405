using System.Buffers;
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
    /// How many times the side it is read for a JPEG must still be, in each direction, to be decoded at a half, a
    /// quarter or an eighth of its size (see <see cref="Load"/>).
    /// </summary>
    public const int ScaledDecodingMargin = 2;

    /// <summary>
    /// Loads <paramref name="path"/> as a <paramref name="size"/> x <paramref name="size"/> grayscale
    /// image (row-major, values in [0, 1], 0 = black), resized with <see cref="BicubicResampler"/>.
    /// A JPEG that stays at least twice <paramref name="size"/> in each direction (<see cref="ScaledDecodingMargin"/>)
    /// at a half, a quarter or an eighth of its size is decoded at the smallest of those (the decoder's own scaling,
    /// in the frequency domain), then resized: a radiograph of 2,000 x 1,700 pixels read at 128 decodes at a quarter,
    /// in about a third of the time, and the antialiasing resize, whose kernel spans at least 8 decoded pixels, gives
    /// nearly what the whole image gives (differences of a fraction of a grey level).
    /// </summary>
    /// <exception cref="RadiographLoadException">The file is missing, unreadable, truncated, corrupt or not an image.</exception>
    public static float[] Load(string path, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        // For a gray PNG the image at its own size is held in a rented buffer too: reading a folder then allocates
        // only each image's pixels at the model's side (a 256-px image's floats alone would go to the large-object
        // heap once per file, and their collections cost more than the decoding).
        return ReadAndDecode(path, encoded => PngHeader.TryRead(encoded, out var png) && PngGrayscaleDecoder.Reads(png)
            ? DecodeAndResize(encoded, png, size)
            : Resize(Decode(encoded.ToArray(), size), size));
    }

    private static float[] Resize(DecodedImage decoded, int size) => BicubicResampler.Resize(
        decoded.Image.Pixels, decoded.Image.Width, decoded.Image.Height, size, size, decoded.ExtentWidth, decoded.ExtentHeight);

    private static float[] DecodeAndResize(ReadOnlySpan<byte> encoded, PngHeader png, int size)
    {
        CheckSize(png.Width, png.Height);
        int count = png.Width * png.Height;
        var pixels = ArrayPool<float>.Shared.Rent(count);
        try
        {
            PngGrayscaleDecoder.DecodeInto(encoded, png, pixels.AsSpan(0, count));
            return BicubicResampler.Resize(pixels.AsSpan(0, count), png.Width, png.Height, size, size);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pixels);
        }
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
    public static GrayscaleImage Decode(string path) => ReadAndDecode(path, encoded => Decode(encoded.ToArray()));

    private delegate T EncodedImageReader<T>(ReadOnlySpan<byte> encoded);

    // Reads the file into a rented buffer and decodes it with decode; a decoding failure names the file.
    private static T ReadAndDecode<T>(string path, EncodedImageReader<T> decode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (file, length) = ReadFile(path, ArrayPool<byte>.Shared);
        try
        {
            return decode(file.AsSpan(0, length));
        }
        catch (InvalidDataException e)
        {
            throw new RadiographLoadException(path, e.Message, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(file);
        }
    }

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a complete, decodable image.</exception>
    public static GrayscaleImage Decode(byte[] encoded) => Decode(encoded, side: 0).Image;

    // Decoded pixels, and how many of them, fractionally, are image: all of them, except when a JPEG decodes at a
    // fraction of a size that the fraction does not divide, whose last row and column are then partly image.
    private readonly record struct DecodedImage(GrayscaleImage Image, double ExtentWidth, double ExtentHeight)
    {
        public DecodedImage(GrayscaleImage image)
            : this(image, image.Width, image.Height)
        {
        }
    }

    // side > 0: the image will be resized to side x side, so a large JPEG may decode at a fraction of its size.
    private static DecodedImage Decode(byte[] encoded, int side)
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
            return new DecodedImage(PngGrayscaleDecoder.Decode(encoded, png));
        }

        return DecodeWithSkia(encoded, sixteenBitColour: isPng && png.BitDepth == 16, side);
    }

    // The file's bytes in an array rented from pool (returned by the caller), and how many there are.
    private static (byte[] Bytes, int Length) ReadFile(string path, ArrayPool<byte> pool)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            long fileLength = RandomAccess.GetLength(handle);
            if (fileLength > Array.MaxLength)
            {
                throw new RadiographLoadException(path, $"the file is {fileLength:N0} bytes, more than one array holds");
            }

            var bytes = pool.Rent((int)fileLength);
            int length = 0, read;
            while (length < fileLength && (read = RandomAccess.Read(handle, bytes.AsSpan(length, (int)fileLength - length), length)) > 0)
            {
                length += read;
            }

            return (bytes, length);
        }
        catch (Exception e) when (Failure(path, e) is { } failure)
        {
            throw failure;
        }
    }

    private static RadiographLoadException? Failure(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => new RadiographLoadException(path, "the file does not exist", e),
        IOException or UnauthorizedAccessException or NotSupportedException => new RadiographLoadException(path, $"the file cannot be read ({e.Message})", e),
        _ => null,
    };

    private static DecodedImage DecodeWithSkia(byte[] encoded, bool sixteenBitColour, int side)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException("the content is not a recognised image format (expected PNG or JPEG)");
        CheckSize(codec.Info.Width, codec.Info.Height);
        int denominator = DecodingDenominator(codec, side);
        var decoded = denominator == 1 ? codec.Info.Size : codec.GetScaledDimensions(1f / denominator);
        var image = DecodeWithSkia(codec, decoded.Width, decoded.Height, sixteenBitColour);
        return new DecodedImage(image, (double)codec.Info.Width / denominator, (double)codec.Info.Height / denominator);
    }

    private static GrayscaleImage DecodeWithSkia(SKCodec codec, int width, int height, bool sixteenBitColour)
    {
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

    // The largest of 8, 4 and 2 such that a JPEG decoded at that fraction of its size (which the codec does
    // directly) stays ScaledDecodingMargin times side in each direction; 1 when none does, or no side is given.
    private static int DecodingDenominator(SKCodec codec, int side)
    {
        if (side > 0 && codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            for (int denominator = 8; denominator >= 2; denominator /= 2)
            {
                if (Math.Min(codec.Info.Width, codec.Info.Height) >= (long)ScaledDecodingMargin * side * denominator)
                {
                    return denominator;
                }
            }
        }

        return 1;
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
