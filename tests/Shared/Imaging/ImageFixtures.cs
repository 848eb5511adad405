using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace SimSid.Tests.Shared.Imaging;

/// <summary>
/// Writes small image files of every kind the loaders must read, plus broken ones. Shared by the
/// test projects that read image files (linked into each, not a library).
/// </summary>
public static class ImageFixtures
{
    /// <summary>An 8-bit grayscale PNG whose pixel (x, y) is <paramref name="value"/>(x, y) in [0, 255].</summary>
    public static void Gray8Png(string path, int width, int height, Func<int, int, byte> value) =>
        Gray8(path, width, height, value, SKEncodedImageFormat.Png);

    /// <summary>An 8-bit grayscale PNG or JPEG (one channel) whose pixel (x, y) is <paramref name="value"/>(x, y).</summary>
    public static void Gray8(string path, int width, int height, Func<int, int, byte> value, SKEncodedImageFormat format, int quality = 100)
    {
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = value(x, y);
            }
        }

        File.WriteAllBytes(path, Encode(pixels, new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), format, quality));
    }

    /// <summary>PNG colour type of a grayscale file without alpha (IHDR byte 25).</summary>
    public const byte PngGrayscale = 0;

    /// <summary>PNG colour type of an RGB file without alpha (IHDR byte 25).</summary>
    public const byte PngRgb = 2;

    /// <summary>An opaque RGB image (PNG or JPEG, no alpha channel) whose pixel (x, y) is <paramref name="rgb"/>(x, y).</summary>
    public static void Rgb(string path, int width, int height, Func<int, int, (byte R, byte G, byte B)> rgb, SKEncodedImageFormat format, int quality = 100)
    {
        var pixels = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = rgb(x, y);
                int i = 4 * ((y * width) + x);
                (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (r, g, b, 255);
            }
        }

        File.WriteAllBytes(path, Encode(pixels, new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), format, quality));
    }

    /// <summary>A 16-bit PNG (grayscale, or RGB with <paramref name="rgb"/>) written by <see cref="HandWrittenPng"/>.</summary>
    public static void Png16(string path, int width, int height, Func<int, int, ushort> value, bool rgb = false, bool interlaced = false) =>
        HandWrittenPng(path, width, height, value, 16, rgb ? PngRgb : PngGrayscale, interlaced);

    /// <summary>PNG colour type of a grayscale file with alpha (IHDR byte 25).</summary>
    public const byte PngGrayscaleAlpha = 4;

    /// <summary>
    /// A PNG written by hand, for what SkiaSharp cannot encode: 16-bit grayscale, Adam7 interlacing, and rows
    /// under every filter (row k of each pass uses filter k mod 5). <paramref name="value"/>(x, y) is the gray
    /// level (below 2^<paramref name="bitDepth"/>), written to every colour channel; with alpha
    /// (<see cref="PngGrayscaleAlpha"/>), alpha varies from pixel to pixel so that a decoder must skip it.
    /// </summary>
    public static void HandWrittenPng(
        string path, int width, int height, Func<int, int, ushort> value, int bitDepth, byte colourType, bool interlaced = false)
    {
        int channels = colourType switch { PngGrayscale => 1, PngGrayscaleAlpha => 2, PngRgb => 3, _ => throw new ArgumentOutOfRangeException(nameof(colourType)) };
        int bytesPerSample = bitDepth / 8, bytesPerPixel = channels * bytesPerSample;
        using var raw = new MemoryStream();
        void Pass(int x0, int y0, int dx, int dy)
        {
            int passWidth = (width - x0 + dx - 1) / dx;
            if (passWidth <= 0) return;
            var previous = new byte[passWidth * bytesPerPixel];
            int row = 0;
            for (int y = y0; y < height; y += dy, row++)
            {
                var current = new byte[previous.Length];
                for (int i = 0; i < passWidth; i++)
                {
                    int x = x0 + (i * dx);
                    for (int c = 0; c < channels; c++)
                    {
                        int sample = colourType == PngGrayscaleAlpha && c == 1 ? ((x * 37) + (y * 11)) % (1 << bitDepth) : value(x, y);
                        for (int k = 0; k < bytesPerSample; k++)
                            current[(i * bytesPerPixel) + (c * bytesPerSample) + k] = (byte)(sample >> (8 * (bytesPerSample - 1 - k)));
                    }
                }

                byte filter = (byte)(row % 5);
                raw.WriteByte(filter);
                raw.Write(Filtered(filter, current, previous, bytesPerPixel));
                previous = current;
            }
        }

        foreach (var (x0, y0, dx, dy) in interlaced ? Adam7 : [(0, 0, 1, 1)])
        {
            Pass(x0, y0, dx, dy);
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)bitDepth;
        header[9] = colourType;
        header[12] = (byte)(interlaced ? 1 : 0);

        using var file = new MemoryStream();
        file.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", compressed.ToArray());
        WriteChunk(file, "IEND", []);
        File.WriteAllBytes(path, file.ToArray());
    }

    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    // The PNG row filters as the specification defines them, on the bytes of a row and of the row above.
    private static byte[] Filtered(byte filter, byte[] row, byte[] above, int bytesPerPixel)
    {
        var filtered = new byte[row.Length];
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0, up = above[i], upLeft = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
            int estimate = left + up - upLeft;
            int paeth = Math.Abs(estimate - left) <= Math.Abs(estimate - up) && Math.Abs(estimate - left) <= Math.Abs(estimate - upLeft) ? left
                : Math.Abs(estimate - up) <= Math.Abs(estimate - upLeft) ? up : upLeft;
            int predicted = filter switch { 0 => 0, 1 => left, 2 => up, 3 => (left + up) / 2, _ => paeth };
            filtered[i] = (byte)(row[i] - predicted);
        }

        return filtered;
    }

    /// <summary>The colour type a PNG file declares in its header.</summary>
    public static byte PngColourType(string path) => File.ReadAllBytes(path)[25];

    /// <summary>A pattern whose three channels differ, so that the weights of the luma matter.</summary>
    public static (byte R, byte G, byte B) Colourful(int x, int y) =>
        ((byte)(128 + (100 * MathF.Sin(x / 5f))), (byte)(((7 * y) + (3 * x)) % 256), (byte)((x * y) % 256));

    /// <summary>Keeps only the first <paramref name="fraction"/> of the file's bytes.</summary>
    public static void Truncate(string path, double fraction)
    {
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
    }

    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        file.Write(buffer);
        byte[] typeAndData = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        file.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc32.HashToUInt32(typeAndData));
        file.Write(buffer);
    }

    private static byte[] Encode(byte[] pixels, SKImageInfo info, SKEncodedImageFormat format, int quality)
    {
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), info.RowBytes);
            using var data = pixmap.Encode(format, quality) ?? throw new InvalidOperationException($"Cannot encode {format}.");
            return data.ToArray();
        }
        finally
        {
            handle.Free();
        }
    }
}
