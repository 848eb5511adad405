namespace SimSid.Data.Synthetic.Findings;

/// <summary>
/// Air-space consolidation: a patchy, ill-defined opacity in the mid or lower zone of one lung,
/// made of several overlapping lobules with a mottled edge. Air is replaced by fluid there, so
/// the region loses darkness while ribs stay visible over it. Severity grows its extent and density.
/// </summary>
internal sealed class ConsolidationPainter : IFindingPainter
{
    public void Paint(RadiographLayers layers, PatientAnatomy a, int severity, DeterministicRandom random)
    {
        var lung = FindingPainters.AnyLung(a, random);
        double radius = FindingPainters.Graded(severity, 0.08, 0.12, 0.17);
        double opacity = FindingPainters.Graded(severity, 0.25, 0.33, 0.42);
        var (cx, cy) = lung.PointAt(random.Uniform(0.35, 0.85), random.Uniform(-0.3, 0.6), radius * 0.6);
        int lobules = 4 + (2 * severity);
        var centres = new (double X, double Y, double R)[lobules];
        for (int k = 0; k < lobules; k++)
        {
            centres[k] = (cx + random.ClippedGaussian(0, radius * 0.5), cy + random.ClippedGaussian(0, radius * 0.5), radius * random.Uniform(0.35, 0.65));
        }

        var mottle = new ValueNoise(random, 30);
        for (int i = 0; i < layers.Air.Length; i++)
        {
            if (layers.LungMask[i] <= 0)
            {
                continue;
            }

            double x = layers.X[i];
            double y = layers.Y[i];
            double field = 0;
            foreach (var (lx, ly, lr) in centres)
            {
                double d2 = ((x - lx) * (x - lx)) + ((y - ly) * (y - ly));
                field += Math.Exp(-d2 / (lr * lr));
            }

            double patch = Smooth.Step(0.1, 1.3, field + (0.4 * mottle.Sample(x, y))) * layers.LungMask[i];
            layers.Air[i] *= (float)(1 - (opacity * patch));
            layers.Markings[i] *= (float)(1 - (0.5 * patch));
        }
    }
}
