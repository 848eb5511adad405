namespace SimSid.Data.Synthetic;

/// <summary>
/// The pulmonary vessels: from each hilum, several branches fan out and split in two a few
/// times, tapering towards the periphery. They are painted into <see cref="RadiographLayers.Markings"/>,
/// which only shows inside the lungs.
/// </summary>
internal static class VesselTree
{
    private const int Generations = 6;

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
                // Angle from the lateral direction: negative points up, positive down. Trunks leave
                // from along the hilum, not from one point, and the lower ones are larger.
                double share = (b + 0.5) / a.VesselBranches;
                double angle = -1.2 + (2.3 * share) + random.ClippedGaussian(0, 0.1);
                double startY = hilumY + ((share - 0.5) * 0.14);
                double length = random.Uniform(0.08, 0.11) * (0.85 + (0.3 * share));
                double radius = random.Uniform(0.011, 0.015) * (0.8 + (0.4 * share));
                Branch(layers, a, random, hilumX, startY, lung.Side * Math.Cos(angle), Math.Sin(angle), length, radius, Generations);
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
            (-sideBranch * random.Uniform(0.1, 0.35), random.Uniform(0.75, 0.95), random.Uniform(0.82, 0.92)),
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
