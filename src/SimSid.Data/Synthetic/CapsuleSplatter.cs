namespace SimSid.Data.Synthetic;

/// <summary>
/// Paints round structures (tapered cylinders, and spheres as cylinders of zero length) into a
/// layer, with density proportional to the path length through them. Structures thinner than a
/// pixel are spread over a pixel-wide footprint with the same total density, so they fade
/// instead of aliasing or vanishing at low resolution.
/// </summary>
internal static class CapsuleSplatter
{
    private const double MinimumPixelRadius = 0.6;

    /// <summary>How a painted value meets what the layer already holds.</summary>
    public enum Blend
    {
        /// <summary>Add to the layer (overlapping structures sum).</summary>
        Add,

        /// <summary>Keep the larger value (so segment joints do not form blobs).</summary>
        Max,
    }

    /// <summary>
    /// Paints a capsule from (x0, y0) with radius r0 to (x1, y1) with radius r1, all in patient
    /// units; <paramref name="density"/> is the peak value of a structure of radius <paramref name="referenceRadius"/>.
    /// </summary>
    public static void Paint(
        RadiographLayers layers, float[] layer, Blend blend, double density, double referenceRadius,
        double x0, double y0, double r0, double x1, double y1, double r1)
    {
        double scale = layers.PixelsPerUnit;
        var (c0, w0) = layers.ToPixel(x0, y0);
        var (c1, w1) = layers.ToPixel(x1, y1);
        double pr0 = r0 * scale;
        double pr1 = r1 * scale;
        double reach = Math.Max(Math.Max(pr0, pr1), MinimumPixelRadius) + 1;
        int minCol = Math.Max(0, (int)Math.Floor(Math.Min(c0, c1) - reach));
        int maxCol = Math.Min(layers.Size - 1, (int)Math.Ceiling(Math.Max(c0, c1) + reach));
        int minRow = Math.Max(0, (int)Math.Floor(Math.Min(w0, w1) - reach));
        int maxRow = Math.Min(layers.Size - 1, (int)Math.Ceiling(Math.Max(w0, w1) + reach));
        double dx = c1 - c0;
        double dy = w1 - w0;
        double lengthSquared = (dx * dx) + (dy * dy);
        double perPixelRadius = density / (referenceRadius * scale);
        for (int row = minRow; row <= maxRow; row++)
        {
            for (int col = minCol; col <= maxCol; col++)
            {
                double t = lengthSquared < 1e-12 ? 0 : Math.Clamp((((col - c0) * dx) + ((row - w0) * dy)) / lengthSquared, 0, 1);
                double px = c0 + (t * dx) - col;
                double py = w0 + (t * dy) - row;
                double radius = pr0 + ((pr1 - pr0) * t);
                double effective = Math.Max(radius, MinimumPixelRadius);
                double chord = Smooth.Chord(Math.Sqrt((px * px) + (py * py)) / effective);
                if (chord <= 0)
                {
                    continue;
                }

                float value = (float)(perPixelRadius * (radius * radius / effective) * chord);
                int index = (row * layers.Size) + col;
                layer[index] = blend == Blend.Add ? layer[index] + value : Math.Max(layer[index], value);
            }
        }
    }
}
