using Microsoft.ML.Data;
using SimSid.Data.Imaging;

namespace SimSid.MLNet.Imaging;

/// <summary>
/// Reads an <see cref="MLImage"/> (any size and colour) into the grayscale image that
/// <see cref="RadiographLoader"/> decodes from the same file, with the same luma
/// (<see cref="GrayscaleConversion"/>); <see cref="RadiographLoader.Prepare"/> then resizes it as the
/// CLI and the trainer do. Identical for 8-bit opaque files; ML.NET's decoding has already reduced a
/// 16-bit file to 8 bits and premultiplied the colours of a partly transparent one by alpha.
/// </summary>
internal static class MLImageGrayscale
{
    /// <exception cref="NotSupportedException">The image is not 4 bytes per pixel in Bgra32 or Rgba32.</exception>
    public static GrayscaleImage Convert(MLImage image)
    {
        int width = image.Width, height = image.Height;
        var order = image.PixelFormat switch
        {
            MLPixelFormat.Bgra32 => ChannelOrder.Bgra,
            MLPixelFormat.Rgba32 => ChannelOrder.Rgba,
            var other => throw new NotSupportedException($"Pixel format {other} is not supported; expected Bgra32 or Rgba32."),
        };
        ReadOnlySpan<byte> pixels = image.Pixels;
        if (pixels.Length != (long)width * height * 4)
            throw new NotSupportedException(
                $"Expected a {width}x{height} image with 4 bytes per pixel ({(long)width * height * 4} bytes) but it has {pixels.Length} bytes.");
        return GrayscaleConversion.FromColour32(width, height, pixels, order);
    }
}
