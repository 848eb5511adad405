using System.Buffers.Binary;

namespace SimSid.Data.Imaging;

/// <summary>The fields of a PNG file's IHDR chunk that decide how it is decoded.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    /// <summary>PNG colour type 0: grayscale.</summary>
    public const int Grayscale = 0;

    /// <summary>PNG colour type 4: grayscale with alpha.</summary>
    public const int GrayscaleAlpha = 4;

    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Whether the bytes start with the PNG signature.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> file) =>
        file.Length >= Signature.Length && file[..Signature.Length].SequenceEqual(Signature);

    /// <summary>Reads the IHDR chunk that must follow the signature; false when it is not there.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out PngHeader header)
    {
        header = default;
        const int ihdrStart = 8;
        if (!HasSignature(file) || file.Length < ihdrStart + 8 + 13
            || BinaryPrimitives.ReadInt32BigEndian(file[ihdrStart..]) != 13
            || !file.Slice(ihdrStart + 4, 4).SequenceEqual("IHDR"u8))
        {
            return false;
        }

        var data = file.Slice(ihdrStart + 8, 13);
        header = new PngHeader(
            BinaryPrimitives.ReadInt32BigEndian(data),
            BinaryPrimitives.ReadInt32BigEndian(data[4..]),
            data[8],
            data[9],
            data[12] == 1);
        return true;
    }
}
