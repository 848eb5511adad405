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
    public static void Gray8Png(string path, int width, int height, Func<int, int, byte> value)
    {
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = value(x, y);
            }
        }

        File.WriteAllBytes(path, Encode(pixels, new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), SKEncodedImageFormat.Png, 100));
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

    /// <summary>
    /// A 16-bit PNG (grayscale, or RGB with <paramref name="rgb"/>), written by hand because
    /// SkiaSharp cannot encode 16-bit grayscale. Optionally Adam7-interlaced.
    /// </summary>
    public static void Png16(string path, int width, int height, Func<int, int, ushort> value, bool rgb = false, bool interlaced = false)
    {
        int channels = rgb ? 3 : 1;
        using var raw = new MemoryStream();
        void Rows(int x0, int y0, int dx, int dy)
        {
            for (int y = y0; y < height; y += dy)
            {
                if (x0 >= width)
                {
                    return;
                }

                raw.WriteByte(0);
                for (int x = x0; x < width; x += dx)
                {
                    ushort v = value(x, y);
                    for (int c = 0; c < channels; c++)
                    {
                        raw.WriteByte((byte)(v >> 8));
                        raw.WriteByte((byte)v);
                    }
                }
            }
        }

        if (interlaced)
        {
            foreach (var (x0, y0, dx, dy) in new[] { (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2) })
            {
                Rows(x0, y0, dx, dy);
            }
        }
        else
        {
            Rows(0, 0, 1, 1);
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
        header[8] = 16;
        header[9] = (byte)(rgb ? 2 : 0);
        header[12] = (byte)(interlaced ? 1 : 0);

        using var file = new MemoryStream();
        file.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", compressed.ToArray());
        WriteChunk(file, "IEND", []);
        File.WriteAllBytes(path, file.ToArray());
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
