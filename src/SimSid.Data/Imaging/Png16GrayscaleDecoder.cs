using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SimSid.Data.Imaging;

/// <summary>
/// Decodes 16-bit grayscale PNGs at full precision. SkiaSharp's PNG codec reduces 16-bit
/// grayscale to 8 bits (it keeps 16 bits only for RGB), which would throw away the extra
/// precision that 16-bit radiographs are stored for. Alpha, if present, is ignored.
/// </summary>
internal static class Png16GrayscaleDecoder
{
    // Adam7 passes: (x start, y start, x step, y step).
    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7Passes =
    [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ];

    /// <summary>Decodes the file; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static GrayscaleImage Decode(ReadOnlySpan<byte> file, PngHeader header)
    {
        if (header.Width < 1 || header.Height < 1)
        {
            throw new InvalidDataException($"PNG header gives an empty size {header.Width}x{header.Height}");
        }

        byte[] compressed = CollectImageData(file);
        int bytesPerPixel = header.ColorType == PngHeader.GrayscaleAlpha ? 4 : 2;
        byte[] raw = Inflate(compressed);
        var pixels = new float[(long)header.Width * header.Height];
        int offset = 0;
        if (header.Interlaced)
        {
            foreach (var pass in Adam7Passes)
            {
                int passWidth = (header.Width - pass.X0 + pass.Dx - 1) / pass.Dx;
                int passHeight = (header.Height - pass.Y0 + pass.Dy - 1) / pass.Dy;
                if (passWidth <= 0 || passHeight <= 0)
                {
                    continue;
                }

                offset = DecodePass(raw, offset, passWidth, passHeight, bytesPerPixel, (x, y, value) =>
                    pixels[((pass.Y0 + (y * pass.Dy)) * header.Width) + pass.X0 + (x * pass.Dx)] = value);
            }
        }
        else
        {
            int width = header.Width;
            DecodePass(raw, 0, width, header.Height, bytesPerPixel, (x, y, value) => pixels[(y * width) + x] = value);
        }

        return new GrayscaleImage(header.Width, header.Height, pixels);
    }

    private static byte[] CollectImageData(ReadOnlySpan<byte> file)
    {
        using var data = new MemoryStream();
        int position = 8;
        while (true)
        {
            if (position + 12 > file.Length)
            {
                throw new InvalidDataException("the PNG file ends before its IEND chunk (truncated)");
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(file[position..]);
            if (length < 0 || position + 12L + length > file.Length)
            {
                throw new InvalidDataException("a PNG chunk runs past the end of the file (truncated)");
            }

            var typeAndData = file.Slice(position + 4, 4 + length);
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file[(position + 8 + length)..]);
            string type = System.Text.Encoding.ASCII.GetString(typeAndData[..4]);
            if (Crc32.HashToUInt32(typeAndData) != storedCrc)
            {
                throw new InvalidDataException($"the PNG chunk '{type}' fails its CRC check (corrupt data)");
            }

            if (type == "IDAT")
            {
                data.Write(typeAndData[4..]);
            }
            else if (type == "IEND")
            {
                break;
            }

            position += 12 + length;
        }

        if (data.Length == 0)
        {
            throw new InvalidDataException("the PNG file has no image data (no IDAT chunk)");
        }

        return data.ToArray();
    }

    private static byte[] Inflate(byte[] compressed)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"the PNG image data does not decompress ({e.Message})", e);
        }
    }

    private static int DecodePass(
        byte[] raw, int offset, int width, int height, int bytesPerPixel, Action<int, int, float> store)
    {
        int stride = width * bytesPerPixel;
        var previous = new byte[stride];
        var current = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            if (offset + 1 + stride > raw.Length)
            {
                throw new InvalidDataException("the PNG image data ends early (truncated)");
            }

            byte filter = raw[offset];
            raw.AsSpan(offset + 1, stride).CopyTo(current);
            offset += 1 + stride;
            Unfilter(filter, current, previous, bytesPerPixel);
            for (int x = 0; x < width; x++)
            {
                int sample = (current[x * bytesPerPixel] << 8) | current[(x * bytesPerPixel) + 1];
                store(x, y, sample / 65535f);
            }

            (previous, current) = (current, previous);
        }

        return offset;
    }

    private static void Unfilter(byte filter, byte[] row, byte[] previous, int bpp)
    {
        switch (filter)
        {
            case 0:
                return;
            case 1:
                for (int i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                return;
            case 2:
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                return;
            case 3:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                return;
            case 4:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    int upLeft = i >= bpp ? previous[i - bpp] : 0;
                    row[i] += (byte)Paeth(left, previous[i], upLeft);
                }

                return;
            default:
                throw new InvalidDataException($"the PNG image data uses an unknown row filter {filter} (corrupt data)");
        }
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        int estimate = left + up - upLeft;
        int dLeft = Math.Abs(estimate - left);
        int dUp = Math.Abs(estimate - up);
        int dUpLeft = Math.Abs(estimate - upLeft);
        return dLeft <= dUp && dLeft <= dUpLeft ? left : dUp <= dUpLeft ? up : upLeft;
    }
}
