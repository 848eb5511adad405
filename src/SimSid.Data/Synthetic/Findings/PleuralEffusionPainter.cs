namespace SimSid.Data.Synthetic.Findings;

/// <summary>
/// Pleural effusion: fluid collecting at the base of one lung, its upper border a meniscus that
/// climbs towards the chest wall. Mild effusions only blunt the costophrenic angle; severe ones
/// hide the hemidiaphragm. Lung markings disappear under the fluid.
/// </summary>
internal sealed class PleuralEffusionPainter : IFindingPainter
{
    public void Paint(RadiographLayers layers, PatientAnatomy a, int severity, DeterministicRandom random)
    {
        var lung = FindingPainters.AnyLung(a, random);
        double fill = FindingPainters.Graded(severity, 0.3, 0.6, 1.0) * random.Uniform(0.85, 1.15);
        double height = fill * (lung.CostophrenicY - lung.DomeY + 0.08);
        double width = lung.OuterLateral - lung.MedialLateral;
        for (int i = 0; i < layers.Air.Length; i++)
        {
            double x = layers.X[i];
            if (layers.LungMask[i] <= 0 || Math.Sign(x) != lung.Side)
            {
                continue;
            }

            double u = Math.Clamp((lung.Lateral(x) - lung.MedialLateral) / width, 0, 1);
            double surface = lung.CostophrenicY - (height * (0.6 + (0.4 * u * u)));
            double fluid = Smooth.Step(surface - 0.01, surface + 0.04, layers.Y[i]);
            layers.Air[i] *= (float)(1 - (0.92 * fluid));
            layers.Markings[i] *= (float)(1 - fluid);
        }
    }
}
