namespace SimSid.Data.Synthetic;

/// <summary>
/// Separable Gaussian blur with clamped borders. Wide blurs are approximated by three box blurs
/// (running sums), which costs the same for any width.
/// </summary>
internal static class GaussianBlur
{
    private const double WideSigma = 2.5;

    /// <summary>Blurs <paramref name="pixels"/> (size x size) in place with standard deviation <paramref name="sigma"/> pixels.</summary>
    public static void Apply(float[] pixels, int size, double sigma)
    {
        if (sigma < 0.05)
        {
            return;
        }

        if (sigma > WideSigma)
        {
            // Three boxes of width w have variance 3 (w^2 - 1) / 12; solve for sigma^2.
            int boxRadius = (int)Math.Round((Math.Sqrt((4 * sigma * sigma) + 1) - 1) / 2);
            for (int pass = 0; pass < 3; pass++)
            {
                BoxBlur(pixels, size, boxRadius);
            }

            return;
        }

        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernel = new float[(2 * radius) + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++)
        {
            total += kernel[i + radius] = (float)Math.Exp(-(i * i) / (2 * sigma * sigma));
        }

        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= (float)total;
        }

        // Rows: convolve a copy of each row padded with its edge values, so the inner loop needs no bounds checks.
        var padded = new float[size + (2 * radius)];
        for (int y = 0; y < size; y++)
        {
            var row = pixels.AsSpan(y * size, size);
            row.CopyTo(padded.AsSpan(radius));
            padded.AsSpan(0, radius).Fill(row[0]);
            padded.AsSpan(radius + size).Fill(row[size - 1]);
            for (int x = 0; x < size; x++)
            {
                float sum = 0;
                for (int k = 0; k < kernel.Length; k++)
                {
                    sum += kernel[k] * padded[x + k];
                }

                row[x] = sum;
            }
        }

        // Columns: accumulate whole rows, which keeps memory access sequential.
        var source = (float[])pixels.Clone();
        for (int y = 0; y < size; y++)
        {
            var output = pixels.AsSpan(y * size, size);
            output.Clear();
            for (int k = -radius; k <= radius; k++)
            {
                float weight = kernel[k + radius];
                var input = source.AsSpan(Math.Clamp(y + k, 0, size - 1) * size, size);
                for (int x = 0; x < size; x++)
                {
                    output[x] += weight * input[x];
                }
            }
        }
    }

    private static void BoxBlur(float[] pixels, int size, int radius)
    {
        var line = new float[size];
        float norm = 1f / ((2 * radius) + 1);
        for (int pass = 0; pass < 2; pass++)
        {
            bool rows = pass == 0;
            for (int l = 0; l < size; l++)
            {
                int start = rows ? l * size : l;
                int step = rows ? 1 : size;
                for (int k = 0; k < size; k++)
                {
                    line[k] = pixels[start + (k * step)];
                }

                float sum = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    sum += line[Math.Clamp(k, 0, size - 1)];
                }

                for (int k = 0; k < size; k++)
                {
                    pixels[start + (k * step)] = sum * norm;
                    sum += line[Math.Min(k + radius + 1, size - 1)] - line[Math.Max(k - radius, 0)];
                }
            }
        }
    }
}
