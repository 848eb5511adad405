namespace SimSid.Data.Synthetic;

/// <summary>
/// Paints the lung fields: where each lung is (the mask) and how much air the ray crosses there,
/// thinner towards the edges and apices, partly hidden behind the heart, with a faint
/// parenchymal texture.
/// </summary>
internal static class LungPainter
{
    /// <summary>Softness of the lung border, in patient units.</summary>
    public const double EdgeWidth = 0.012;

    public static void Paint(RadiographLayers layers, PatientAnatomy a, DeterministicRandom random)
    {
        var coarse = new ValueNoise(random, 6);
        var fine = new ValueNoise(random, 22);
        var heart = new HeartShape(a);
        for (int i = 0; i < layers.Air.Length; i++)
        {
            double x = layers.X[i];
            double y = layers.Y[i];
            var lung = x < 0 ? a.RightLung : a.LeftLung;
            var (side, _, floor) = lung.Distances(x, y);
            if (side <= 0 || floor <= 0)
            {
                continue;
            }

            double mask = Smooth.Step(0, EdgeWidth, side) * Smooth.Step(0, EdgeWidth, floor);
            double t = Math.Clamp(lung.HeightFraction(y), 0, 1);
            double depth = Math.Sqrt(Math.Min(1, side / 0.14)) * Math.Sqrt(Math.Min(1, floor / 0.12)) * (0.7 + (0.3 * t));
            double texture = 1 + (0.06 * coarse.Sample(x, y)) + (0.05 * fine.Sample(x, y));
            double behindHeart = 1 - (0.72 * heart.Thickness(x, y));
            layers.LungMask[i] = (float)mask;
            layers.Air[i] = (float)(a.AirDensity * mask * depth * texture * behindHeart);
        }
    }
}
