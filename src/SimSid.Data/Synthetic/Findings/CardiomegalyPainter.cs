namespace SimSid.Data.Synthetic.Findings;

/// <summary>
/// Cardiomegaly: the heart silhouette enlarged, mostly towards the patient's left, raising the
/// cardiothoracic ratio. The mildest grade overlaps the largest normal hearts.
/// </summary>
internal sealed class CardiomegalyPainter : IFindingPainter
{
    public PatientAnatomy Adjust(PatientAnatomy anatomy, int severity, DeterministicRandom random)
    {
        double widen = FindingPainters.Graded(severity, 1.15, 1.24, 1.34) * random.Uniform(0.97, 1.03);
        double heighten = 1 + ((widen - 1) * 0.4);
        return anatomy with
        {
            HeartRadiusX = anatomy.HeartRadiusX * widen,
            HeartRadiusY = anatomy.HeartRadiusY * heighten,
            HeartX = anatomy.HeartX + (anatomy.HeartRadiusX * (widen - 1) * 0.45),
        };
    }

    public void Paint(RadiographLayers layers, PatientAnatomy anatomy, int severity, DeterministicRandom random)
    {
        // Nothing to add: the enlarged heart is painted with the rest of the anatomy.
    }
}
