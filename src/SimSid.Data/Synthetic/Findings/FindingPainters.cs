namespace SimSid.Data.Synthetic.Findings;

/// <summary>The painter for each finding.</summary>
internal static class FindingPainters
{
    public static IFindingPainter? For(SyntheticFinding finding) => finding switch
    {
        SyntheticFinding.None => null,
        SyntheticFinding.Consolidation => new ConsolidationPainter(),
        SyntheticFinding.Nodule => new NodulePainter(),
        SyntheticFinding.PleuralEffusion => new PleuralEffusionPainter(),
        SyntheticFinding.Cardiomegaly => new CardiomegalyPainter(),
        SyntheticFinding.Pneumothorax => new PneumothoraxPainter(),
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, "Unknown synthetic finding."),
    };

    /// <summary>The value for <paramref name="severity"/> (1-based) from a per-grade table.</summary>
    public static double Graded(int severity, params ReadOnlySpan<double> perGrade) => perGrade[severity - 1];

    /// <summary>The right or left lung, chosen at random.</summary>
    public static LungShape AnyLung(PatientAnatomy a, DeterministicRandom random) =>
        random.Chance(0.5) ? a.RightLung : a.LeftLung;
}
