using SimSid.Data.Imaging;
using SimSid.Data.Synthetic.Findings;

namespace SimSid.Data.Synthetic;

/// <summary>
/// Renders one synthetic PA chest radiograph. The patient (anatomy, pose, exposure, noise) is
/// determined by the seed alone, and the finding is drawn from its own stream, so the same seed
/// rendered with and without a finding shows the same patient.
/// </summary>
public static class SyntheticChestRadiograph
{
    /// <summary>Highest severity grade.</summary>
    public const int MaxSeverity = 3;

    /// <summary>Renders a <paramref name="size"/> x <paramref name="size"/> radiograph.</summary>
    /// <param name="seed">Chooses the patient and the finding's placement.</param>
    /// <param name="finding">What abnormality to draw, if any.</param>
    /// <param name="severity">1 (mild) to <see cref="MaxSeverity"/> (severe); ignored (use 0) for <see cref="SyntheticFinding.None"/>.</param>
    /// <param name="size">Image side in pixels (at least 16).</param>
    public static GrayscaleImage Render(ulong seed, SyntheticFinding finding, int severity, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        if (finding != SyntheticFinding.None && (severity < 1 || severity > MaxSeverity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, $"Severity must be 1 to {MaxSeverity} for a finding.");
        }

        var anatomyRandom = new DeterministicRandom(DeterministicRandom.DeriveSeed(seed, 1));
        var textureRandom = new DeterministicRandom(DeterministicRandom.DeriveSeed(seed, 2));
        var noiseRandom = new DeterministicRandom(DeterministicRandom.DeriveSeed(seed, 3));
        var findingRandom = new DeterministicRandom(DeterministicRandom.DeriveSeed(seed, 4));

        var painter = FindingPainters.For(finding);
        var anatomy = PatientAnatomy.Sample(anatomyRandom);
        anatomy = painter?.Adjust(anatomy, severity, findingRandom) ?? anatomy;
        var layers = new RadiographLayers(size, anatomy);
        BodyPainter.Paint(layers, anatomy);
        LungPainter.Paint(layers, anatomy, textureRandom);
        SkeletonPainter.Paint(layers, anatomy);
        VesselTree.Paint(layers, anatomy, textureRandom);
        painter?.Paint(layers, anatomy, severity, findingRandom);
        var pixels = ImageFormation.Expose(layers.Density(), size, anatomy, noiseRandom);
        return new GrayscaleImage(size, size, pixels);
    }
}
