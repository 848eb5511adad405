using SkiaSharp;

namespace SimSid.Cli.Reporting;

/// <summary>Writes anomaly heat maps over radiographs (pixels in [0, 1], row-major) as colour PNG.</summary>
internal static class RadiographPng
{
    /// <summary>
    /// The image in gray with its anomaly map laid over it in a heat colour map, scaled so that
    /// <paramref name="fullHeat"/> is full heat.
    /// </summary>
    public static byte[] HeatMap(float[] pixels, float[] anomalyMap, int size, float fullHeat) =>
        Encode(size, i =>
        {
            float heat = Math.Clamp(anomalyMap[i] / Math.Max(fullHeat, 1e-9f), 0f, 1f);
            var (r, g, b) = Heat(heat);
            float gray = pixels[i], alpha = 0.25f + 0.75f * heat;
            return new SKColor(ToByte(gray * (1 - alpha) + r * alpha), ToByte(gray * (1 - alpha) + g * alpha), ToByte(gray * (1 - alpha) + b * alpha));
        });

    private static byte[] Encode(int size, Func<int, SKColor> color)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                bitmap.SetPixel(x, y, color(y * size + x));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    // Black - red - yellow - white.
    private static (float R, float G, float B) Heat(float t) =>
        (Math.Clamp(t * 3, 0, 1), Math.Clamp(t * 3 - 1, 0, 1), Math.Clamp(t * 3 - 2, 0, 1));

    private static byte ToByte(float v) => (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255);
}
