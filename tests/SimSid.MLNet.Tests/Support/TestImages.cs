using Microsoft.ML.Data;

namespace SimSid.MLNet.Tests.Support;

/// <summary>Small synthetic grayscale images: a smooth shared pattern, plus a large bright blob for anomalies.</summary>
internal static class TestImages
{
    /// <summary>The image size of the "tiny" preset, the smallest the SimSID network takes.</summary>
    public const int Side = 32;
    public const int PixelCount = Side * Side;

    public static float[] Normal(Random random)
    {
        var pixels = new float[PixelCount];
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
                pixels[y * Side + x] = Math.Clamp(
                    0.5f + 0.3f * MathF.Sin(x / 3f) * MathF.Cos(y / 4f) + 0.1f * (random.NextSingle() - 0.5f), 0f, 1f);
        return pixels;
    }

    public static float[] Anomalous(Random random)
    {
        var pixels = Normal(random);
        float centreX = random.Next(Side / 4, 3 * Side / 4), centreY = random.Next(Side / 4, 3 * Side / 4), radius = Side / 6f;
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                float distance2 = (x - centreX) * (x - centreX) + (y - centreY) * (y - centreY);
                pixels[y * Side + x] = Math.Min(1f, pixels[y * Side + x] + 0.5f * MathF.Exp(-distance2 / (2 * radius * radius)));
            }
        return pixels;
    }

    /// <summary>Normal and anomalous rows, interleaved deterministically; pixels are multiples of 1/255.</summary>
    public static List<PixelRow> Rows(int normal, int anomalous, int seed = 1)
    {
        var random = new Random(seed);
        var rows = new List<PixelRow>();
        for (int i = 0; i < normal; i++)
            rows.Add(new PixelRow { Pixels = Quantize(Normal(random)), Label = false });
        for (int i = 0; i < anomalous; i++)
            rows.Insert(random.Next(rows.Count + 1), new PixelRow { Pixels = Quantize(Anomalous(random)), Label = true });
        return rows;
    }

    /// <summary>The photographic negative of a row's image, labelled anomalous.</summary>
    public static PixelRow Negative(PixelRow row) => new() { Pixels = row.Pixels.Select(p => 1 - p).ToArray(), Label = true };

    /// <summary>Rounds to multiples of 1/255, so the pixels survive a trip through 8-bit images exactly.</summary>
    public static float[] Quantize(float[] pixels) => pixels.Select(p => MathF.Round(p * 255) / 255).ToArray();

    /// <summary>A BGRA image of the pixels, each repeated <paramref name="scale"/> x <paramref name="scale"/> times.</summary>
    public static MLImage ToImage(float[] pixels, int scale = 1)
    {
        int side = Side * scale;
        var bytes = new byte[side * side * 4];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                byte value = (byte)MathF.Round(pixels[y / scale * Side + x / scale] * 255);
                int p = (y * side + x) * 4;
                bytes[p] = bytes[p + 1] = bytes[p + 2] = value;
                bytes[p + 3] = 255;
            }
        return MLImage.CreateFromPixels(side, side, MLPixelFormat.Bgra32, bytes);
    }

    public static float MeanAbsoluteDifference(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += Math.Abs(a[i] - b[i]);
        return (float)(sum / a.Length);
    }

    public static float[] Mean(IEnumerable<float[]> images)
    {
        var list = images.ToList();
        var mean = new float[PixelCount];
        foreach (var image in list)
            for (int i = 0; i < PixelCount; i++)
                mean[i] += image[i] / list.Count;
        return mean;
    }
}
