namespace SimSid.Data.Synthetic.Findings;

/// <summary>
/// Pulmonary nodules: one to three small, round, well-defined opacities anywhere in the lung
/// fields. The mildest are a few millimetres across, below a pixel at 64 px, so they need the
/// 128 px resolution to be seen at all. Severity grows their size and number.
/// </summary>
internal sealed class NodulePainter : IFindingPainter
{
    /// <summary>A nodule of this radius (patient units) has peak density <see cref="Density"/>.</summary>
    private const double ReferenceRadius = 0.03;
    private const double Density = 0.3;

    public void Paint(RadiographLayers layers, PatientAnatomy a, int severity, DeterministicRandom random)
    {
        double radius = FindingPainters.Graded(severity, 0.018, 0.026, 0.036);
        int count = severity switch { 1 => 1, 2 => 1 + random.NextInt(2), _ => 2 + random.NextInt(2) };
        for (int k = 0; k < count; k++)
        {
            var lung = FindingPainters.AnyLung(a, random);
            var (x, y) = lung.PointAt(random.Uniform(0.15, 0.85), random.Uniform(-0.5, 0.75), 0.05);
            double r = radius * random.Uniform(0.85, 1.15);
            CapsuleSplatter.Paint(layers, layers.Tissue, CapsuleSplatter.Blend.Add, Density, ReferenceRadius, x, y, r, x, y, r);
        }
    }
}
