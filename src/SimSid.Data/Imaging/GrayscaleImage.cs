namespace SimSid.Data.Imaging;

/// <summary>
/// A single-channel image stored row-major as floats in [0, 1], where 0 is black.
/// </summary>
public sealed class GrayscaleImage
{
    /// <summary>Creates an image over the given pixel buffer (not copied).</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="pixels">Row-major pixels; length must be <paramref name="width"/> * <paramref name="height"/>.</param>
    public GrayscaleImage(int width, int height, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException(
                $"A {width}x{height} image needs {(long)width * height} pixels, but {pixels.Length} were given.",
                nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major pixel values in [0, 1].</summary>
    public float[] Pixels { get; }

    /// <summary>The pixel at column <paramref name="x"/> and row <paramref name="y"/>.</summary>
    public float this[int x, int y] => Pixels[(y * Width) + x];
}
