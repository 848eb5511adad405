using System.Runtime.InteropServices;
using SkiaSharp;

namespace SimSid.Data.Imaging;

/// <summary>Writes grayscale images as 8-bit grayscale PNG files.</summary>
public static class GrayscalePng
{
    /// <summary>Encodes the image as an 8-bit grayscale PNG (values clamped to [0, 1], rounded to 1/255).</summary>
    public static byte[] Encode(GrayscaleImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        var bytes = new byte[image.Pixels.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)Math.Round(Math.Clamp(image.Pixels[i], 0f, 1f) * 255f);
        }

        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), image.Width);
            using var data = pixmap.Encode(SKPngEncoderOptions.Default)
                ?? throw new InvalidOperationException($"SkiaSharp could not encode a {image.Width}x{image.Height} grayscale PNG.");
            return data.ToArray();
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>Writes the image to <paramref name="path"/> as an 8-bit grayscale PNG.</summary>
    public static void Save(GrayscaleImage image, string path) => File.WriteAllBytes(path, Encode(image));
}
