namespace SimSid.Data.Synthetic;

/// <summary>
/// The pulmonary vessels: from each hilum, several branches fan out and split in two a few
/// times, tapering towards the periphery. They are painted into <see cref="RadiographLayers.Markings"/>,
/// which only shows inside the lungs.
/// </summary>
internal static class VesselTree
{
    private const int Generations = 5;

    /// <summary>A vessel of this radius (patient units) has peak density <see cref="PatientAnatomy.VesselDensity"/>.</summary>
    private const double ReferenceRadius = 0.012;

    public static void Paint(RadiographLayers layers, PatientAnatomy a, DeterministicRandom random)
    {
        foreach (var lung in new[] { a.RightLung, a.LeftLung })
        {
            double hilumX = lung.Side * (lung.MedialLateral + 0.08 + random.ClippedGaussian(0, 0.01));
            double hilumY = a.CarinaY + 0.2 + random.ClippedGaussian(0, 0.02);
            for (int b = 0; b < a.VesselBranches; b++)
            {
                // Angle from the lateral direction: negative points up, positive down.
                double angle = -1.2 + (2.3 * (b + 0.5) / a.VesselBranches) + random.ClippedGaussian(0, 0.1);
                double length = random.Uniform(0.1, 0.13) * (angle > 0 ? 1.15 : 1.0);
                double radius = random.Uniform(0.012, 0.016) * (angle > 0.3 ? 1.2 : 1.0);
                Branch(layers, a, random, hilumX, hilumY, lung.Side * Math.Cos(angle), Math.Sin(angle), length, radius, Generations);
            }
        }
    }

    /// <summary>
    /// One vessel segment and its two daughters: a main daughter that carries on almost straight,
    /// and a thinner side branch that leaves at a wider angle (monopodial branching).
    /// </summary>
    private static void Branch(
        RadiographLayers layers, PatientAnatomy a, DeterministicRandom random,
        double x, double y, double dirX, double dirY, double length, double radius, int generationsLeft)
    {
        double endX = x + (dirX * length);
        double endY = y + (dirY * length);
        double endRadius = radius * 0.85;
        CapsuleSplatter.Paint(
            layers, layers.Markings, CapsuleSplatter.Blend.Max, a.VesselDensity, ReferenceRadius, x, y, radius, endX, endY, endRadius);
        if (generationsLeft <= 1)
        {
            return;
        }

        int sideBranch = random.Chance(0.5) ? 1 : -1;
        (double Turn, double Length, double Radius)[] daughters =
        [
            (-sideBranch * random.Uniform(0.05, 0.25), random.Uniform(0.85, 1.0), random.Uniform(0.85, 0.95)),
            (sideBranch * random.Uniform(0.45, 0.85), random.Uniform(0.55, 0.8), random.Uniform(0.6, 0.75)),
        ];
        foreach (var (turn, lengthFactor, radiusFactor) in daughters)
        {
            double cos = Math.Cos(turn);
            double sin = Math.Sin(turn);
            Branch(
                layers, a, random, endX, endY,
                (cos * dirX) - (sin * dirY), (sin * dirX) + (cos * dirY),
                length * lengthFactor, endRadius * radiusFactor, generationsLeft - 1);
        }
    }
}
