namespace SimSid.Data.Imaging;

/// <summary>
/// Reduces colour to gray the way every SimSID entry point does: the ITU-R BT.601 luma
/// (0.299 R + 0.587 G + 0.114 B, as PIL's <c>convert('L')</c>), clamped to [0, 1]. Alpha is ignored.
/// </summary>
public static class GrayscaleConversion
{
    private const float RedWeight = 0.299f;
    private const float GreenWeight = 0.587f;
    private const float BlueWeight = 0.114f;

    /// <summary>The luma of a colour whose channels are in [0, 1], clamped to [0, 1].</summary>
    public static float Luma(float red, float green, float blue) =>
        Math.Clamp((RedWeight * red) + (GreenWeight * green) + (BlueWeight * blue), 0f, 1f);

    /// <summary>
    /// Converts row-major pixels of four 8-bit channels (in <paramref name="order"/>, alpha ignored)
    /// into a grayscale image of their luma.
    /// </summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="pixels">Exactly <paramref name="width"/> * <paramref name="height"/> * 4 bytes, with no row padding.</param>
    /// <param name="order">Where red and blue sit in each pixel.</param>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> has the wrong length.</exception>
    public static GrayscaleImage FromColour32(int width, int height, ReadOnlySpan<byte> pixels, ChannelOrder order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        long expected = (long)width * height * 4;
        if (pixels.Length != expected)
        {
            throw new ArgumentException(
                $"A {width}x{height} image of 4 bytes per pixel needs {expected} bytes, but {pixels.Length} were given.",
                nameof(pixels));
        }

        (int red, int blue) = order switch
        {
            ChannelOrder.Rgba => (0, 2),
            ChannelOrder.Bgra => (2, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Expected Rgba or Bgra."),
        };
        var gray = new float[(long)width * height];
        for (int i = 0, p = 0; i < gray.Length; i++, p += 4)
        {
            gray[i] = Luma(pixels[p + red] / 255f, pixels[p + 1] / 255f, pixels[p + blue] / 255f);
        }

        return new GrayscaleImage(width, height, gray);
    }

    /// <summary>
    /// The luma of each 8-bit gray level taken as the colour (v, v, v): what <see cref="FromColour32"/> gives a gray
    /// pixel, which is not always v / 255 in floats.
    /// </summary>
    private static readonly float[] s_grayLevels = [.. Enumerable.Range(0, 256).Select(v => Luma(v / 255f, v / 255f, v / 255f))];

    /// <summary>
    /// Converts row-major 8-bit gray pixels into a grayscale image, exactly as <see cref="FromColour32"/> converts
    /// the same pixels expanded to colour (so a gray file reads the same whichever way it was decoded).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> is not <paramref name="width"/> * <paramref name="height"/> bytes.</exception>
    public static GrayscaleImage FromGray8(int width, int height, ReadOnlySpan<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != (long)width * height)
            throw new ArgumentException($"A {width}x{height} image of 1 byte per pixel needs {(long)width * height} bytes, but {pixels.Length} were given.", nameof(pixels));
        var gray = new float[pixels.Length];
        FromGray8(pixels, gray);
        return new GrayscaleImage(width, height, gray);
    }

    /// <summary>As <see cref="FromGray8(int, int, ReadOnlySpan{byte})"/>, into <paramref name="gray"/> (as long as <paramref name="pixels"/>).</summary>
    internal static void FromGray8(ReadOnlySpan<byte> pixels, Span<float> gray)
    {
        for (int i = 0; i < pixels.Length; i++) gray[i] = s_grayLevels[pixels[i]];
    }
}
