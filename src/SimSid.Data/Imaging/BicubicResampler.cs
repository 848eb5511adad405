using System.Buffers;

namespace SimSid.Data.Imaging;

/// <summary>
/// Separable bicubic resizing with the same kernel and support rule as PIL's
/// <c>Image.resize(..., BICUBIC)</c> (Keys cubic, a = -0.5; when shrinking, the kernel is
/// stretched by the shrink factor so that it also low-pass filters, i.e. antialiases).
/// Works in float and clamps the result to [0, 1].
/// </summary>
public static class BicubicResampler
{
    private const double A = -0.5;
    private const double Support = 2.0;

    /// <summary>Resizes <paramref name="image"/> to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static GrayscaleImage Resize(GrayscaleImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == image.Width && height == image.Height)
        {
            return new GrayscaleImage(width, height, (float[])image.Pixels.Clone());
        }

        return new GrayscaleImage(width, height, Resize(image.Pixels, image.Width, image.Height, width, height));
    }

    /// <summary>
    /// Resizes the <paramref name="inWidth"/> x <paramref name="inHeight"/> row-major pixels of <paramref name="source"/>
    /// (e.g. a rented buffer) to <paramref name="width"/> x <paramref name="height"/>, as <see cref="Resize(GrayscaleImage, int, int)"/>.
    /// </summary>
    internal static float[] Resize(ReadOnlySpan<float> source, int inWidth, int inHeight, int width, int height) =>
        Resize(source, inWidth, inHeight, width, height, inWidth, inHeight);

    /// <summary>
    /// Resizes the region of <paramref name="extentWidth"/> x <paramref name="extentHeight"/> pixels at the top left of
    /// the <paramref name="inWidth"/> x <paramref name="inHeight"/> pixels of <paramref name="source"/> (as PIL's
    /// <c>resize(..., box=(0, 0, extentWidth, extentHeight))</c>): an image decoded at an eighth of a side that is not a
    /// multiple of 8 has one more pixel than the eighth of the side, and only part of it is image.
    /// </summary>
    internal static float[] Resize(
        ReadOnlySpan<float> source, int inWidth, int inHeight, int width, int height, double extentWidth, double extentHeight)
    {
        bool sameColumns = width == inWidth && extentWidth == inWidth;
        bool sameRows = height == inHeight && extentHeight == inHeight;
        if (sameColumns && sameRows)
        {
            return source.ToArray();
        }

        // Horizontal pass first, then vertical, as PIL does. The intermediate rows are rented: at 256 to 128 px they
        // are 128 KB, which would go to the large-object heap once per image.
        float[] vertical;
        if (sameColumns)
        {
            vertical = ResampleColumns(source, width, inHeight, height, extentHeight);
        }
        else
        {
            int count = width * inHeight;
            var horizontal = ArrayPool<float>.Shared.Rent(count);
            try
            {
                ResampleRows(source, inWidth, inHeight, width, extentWidth, horizontal);
                vertical = ResampleColumns(horizontal.AsSpan(0, count), width, inHeight, height, extentHeight);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(horizontal);
            }
        }

        for (int i = 0; i < vertical.Length; i++)
        {
            vertical[i] = Math.Clamp(vertical[i], 0f, 1f);
        }

        return vertical;
    }

    private static void ResampleRows(ReadOnlySpan<float> source, int inWidth, int rows, int outWidth, double extent, Span<float> result)
    {
        var taps = ComputeTaps(inWidth, outWidth, extent);
        for (int y = 0; y < rows; y++)
        {
            int row = y * inWidth;
            for (int x = 0; x < outWidth; x++)
            {
                var (first, weights) = taps[x];
                double sum = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    sum += weights[k] * source[row + first + k];
                }

                result[(y * outWidth) + x] = (float)sum;
            }
        }
    }

    private static float[] ResampleColumns(ReadOnlySpan<float> source, int columns, int inHeight, int outHeight, double extent)
    {
        if (inHeight == outHeight && extent == inHeight)
        {
            return source.ToArray();
        }

        var taps = ComputeTaps(inHeight, outHeight, extent);
        var result = new float[columns * outHeight];
        var accumulator = new double[columns];
        for (int y = 0; y < outHeight; y++)
        {
            Array.Clear(accumulator);
            var (first, weights) = taps[y];
            for (int k = 0; k < weights.Length; k++)
            {
                int row = (first + k) * columns;
                double weight = weights[k];
                for (int x = 0; x < columns; x++)
                {
                    accumulator[x] += weight * source[row + x];
                }
            }

            for (int x = 0; x < columns; x++)
            {
                result[(y * columns) + x] = (float)accumulator[x];
            }
        }

        return result;
    }

    /// <summary>
    /// For each output sample: the first input index it reads and the normalised weights; the output spans the first
    /// <paramref name="extent"/> of the <paramref name="inSize"/> input samples.
    /// </summary>
    private static (int First, double[] Weights)[] ComputeTaps(int inSize, int outSize, double extent)
    {
        double scale = extent / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support * filterScale;
        var taps = new (int, double[])[outSize];
        for (int i = 0; i < outSize; i++)
        {
            double center = (i + 0.5) * scale;
            int first = Math.Max((int)(center - support + 0.5), 0);
            int last = Math.Min((int)(center + support + 0.5), inSize);
            var weights = new double[last - first];
            double total = 0;
            for (int k = 0; k < weights.Length; k++)
            {
                weights[k] = Kernel((first + k - center + 0.5) / filterScale);
                total += weights[k];
            }

            for (int k = 0; k < weights.Length; k++)
            {
                weights[k] = total != 0 ? weights[k] / total : 0;
            }

            taps[i] = (first, weights);
        }

        return taps;
    }

    private static double Kernel(double x)
    {
        x = Math.Abs(x);
        if (x < 1)
        {
            return (((A + 2) * x) - (A + 3)) * x * x + 1;
        }

        return x < 2 ? (((((x - 5) * x) + 8) * x) - 4) * A : 0;
    }
}
