namespace SimSid.Torch.Tests.Support;

/// <summary>
/// Tiny generated images for training tests: a smooth, slightly jittered "anatomy" (two bright lobes
/// and a dark midline); abnormal images add a large bright blob at a random place.
/// </summary>
public static class Phantoms
{
    /// <summary>One image of side <paramref name="size"/>, pixels in [0, 1].</summary>
    public static float[] Make(Random random, int size, bool abnormal)
    {
        var image = new float[size * size];
        double cx = size / 2.0 + random.NextDouble() * 2 - 1, cy = size / 2.0 + random.NextDouble() * 2 - 1;
        int bx = random.Next(size / 4, 3 * size / 4), by = random.Next(size / 4, 3 * size / 4);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double dx = (x - cx) / size, dy = (y - cy) / size;
                double v = 0.5 + 0.3 * Math.Exp(-((dx + 0.2) * (dx + 0.2) + dy * dy) / 0.02)
                    + 0.3 * Math.Exp(-((dx - 0.2) * (dx - 0.2) + dy * dy) / 0.02) - 0.2 * Math.Exp(-dx * dx / 0.002);
                if (abnormal) v += 0.8 * Math.Exp(-((x - bx) * (x - bx) + (y - by) * (y - by)) / (0.15 * size * size));
                image[y * size + x] = (float)Math.Clamp(v, 0, 1);
            }
        }
        return image;
    }

    /// <summary><paramref name="count"/> images, every second one abnormal when <paramref name="mixed"/>.</summary>
    public static (List<float[]> Images, List<bool> Labels) Set(int seed, int count, int size, bool mixed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => mixed && i % 2 == 1).ToList();
        return (labels.Select(l => Make(random, size, l)).ToList(), labels);
    }

    /// <summary>
    /// <paramref name="images"/> at the 256 levels of an 8-bit image file: what a training run holds
    /// (<see cref="Training.ImageCache"/>), so a remembered image is found exactly.
    /// </summary>
    public static List<float[]> EightBit(IEnumerable<float[]> images) =>
        [.. images.Select(image => image.Select(v => MathF.Round(v * 255f) / 255f).ToArray())];
}
