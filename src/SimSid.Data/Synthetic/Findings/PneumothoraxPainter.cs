namespace SimSid.Data.Synthetic.Findings;

/// <summary>
/// Pneumothorax: air between the chest wall and a partly collapsed lung, widest at the apex and
/// tapering down the lateral wall. The rim is darker and has no lung markings; a thin bright
/// visceral pleural line marks the lung edge. Severity widens the rim.
/// </summary>
internal sealed class PneumothoraxPainter : IFindingPainter
{
    public void Paint(RadiographLayers layers, PatientAnatomy a, int severity, DeterministicRandom random)
    {
        var lung = FindingPainters.AnyLung(a, random);
        double depth = FindingPainters.Graded(severity, 0.035, 0.06, 0.1) * random.Uniform(0.85, 1.15);
        double reach = random.Uniform(0.6, 0.95);
        for (int i = 0; i < layers.Air.Length; i++)
        {
            double x = layers.X[i];
            if (layers.LungMask[i] <= 0 || Math.Sign(x) != lung.Side)
            {
                continue;
            }

            double y = layers.Y[i];
            double t = Math.Max(lung.HeightFraction(y), 0);
            double rim = depth * Math.Max(0, 1 - (t / reach));
            if (rim <= 0.002)
            {
                continue;
            }

            var (_, outer, _) = lung.Distances(x, y);
            double mask = layers.LungMask[i];
            double gap = Smooth.Step(rim + 0.005, rim - 0.005, outer) * mask;
            // The rim holds air alone: as dark as the deepest lung, with no markings or texture.
            layers.Markings[i] *= (float)(1 - gap);
            layers.Air[i] += (float)(gap * Math.Max(0, (a.AirDensity * mask * 0.95) - layers.Air[i]));
            double line = Math.Exp(-Smooth.Square((outer - rim) / 0.004));
            layers.Tissue[i] += (float)(0.16 * line * mask);
        }
    }
}
