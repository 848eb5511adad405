namespace SimSid.Data.Synthetic;

/// <summary>
/// The random parameters of one synthetic patient and exposure: pose, body, lungs, heart,
/// skeleton, vessels and image formation. Coordinates are patient coordinates in [-1, 1]
/// (x to the image's right, i.e. the patient's left on a PA film; y down).
/// </summary>
internal sealed record PatientAnatomy
{
    // Pose: image = scale * rotate(rotation) * patient + shift.
    public required double Rotation { get; init; }
    public required double Scale { get; init; }
    public required double ShiftX { get; init; }
    public required double ShiftY { get; init; }

    // Body.
    public required double ChestHalfWidth { get; init; }
    public required double NeckHalfWidth { get; init; }
    public required double ShoulderY { get; init; }
    public required double BodyDensity { get; init; }
    public required double ShoulderOverhang { get; init; }
    public required double BreastDensity { get; init; }

    // Lungs.
    public required LungShape RightLung { get; init; }
    public required LungShape LeftLung { get; init; }
    public required double AirDensity { get; init; }

    // Heart and mediastinum.
    public required double HeartX { get; init; }
    public required double HeartY { get; init; }
    public required double HeartRadiusX { get; init; }
    public required double HeartRadiusY { get; init; }
    public required double HeartTilt { get; init; }
    public required double HeartDensity { get; init; }
    public required double MediastinumHalfWidth { get; init; }
    public required double AorticKnobRadius { get; init; }
    public required double CarinaY { get; init; }
    public required double GastricBubble { get; init; }

    // Skeleton.
    public required double FirstRibY { get; init; }
    public required double RibSpacing { get; init; }
    public required double RibHalfWidth { get; init; }
    public required double RibArc { get; init; }
    public required double RibDensity { get; init; }
    public required double ClavicleMedialY { get; init; }
    public required double ClavicleLateralY { get; init; }
    public required double SpineDensity { get; init; }
    public required double VertebraHeight { get; init; }

    // Lung markings.
    public required double VesselDensity { get; init; }
    public required int VesselBranches { get; init; }

    // Image formation.
    public required double Gain { get; init; }
    public required double BlackLevel { get; init; }
    public required double WhiteLevel { get; init; }
    public required double Gamma { get; init; }
    public required double NoiseLevel { get; init; }
    public required double BlurSigma { get; init; }
    public required double EdgeEnhancement { get; init; }

    /// <summary>Draws a patient. The same generator state always gives the same patient.</summary>
    public static PatientAnatomy Sample(DeterministicRandom r)
    {
        double chest = r.ClippedGaussian(0.84, 0.035);
        double lungScaleY = r.ClippedGaussian(1.0, 0.05);
        double apexY = r.ClippedGaussian(-0.72, 0.03);
        double domeY = r.ClippedGaussian(0.42, 0.05) * lungScaleY;
        double costophrenicY = domeY + r.ClippedGaussian(0.17, 0.03);
        double outer = chest - r.ClippedGaussian(0.07, 0.012);
        double medial = r.ClippedGaussian(0.1, 0.012);
        LungShape Lung(int side, double domeShift) => new(
            side,
            ApexLateral: r.ClippedGaussian(0.3, 0.025),
            ApexY: apexY + r.ClippedGaussian(0, 0.012),
            MedialLateral: medial + r.ClippedGaussian(0, 0.008),
            OuterLateral: outer + r.ClippedGaussian(0, 0.012),
            CostophrenicY: costophrenicY + domeShift + r.ClippedGaussian(0, 0.015),
            DomeY: domeY + domeShift + r.ClippedGaussian(0, 0.015),
            DomeLateral: r.ClippedGaussian(0.42, 0.04),
            ApexRounding: r.ClippedGaussian(0.7, 0.06));

        double heartScale = r.ClippedGaussian(1.0, 0.06);
        return new PatientAnatomy
        {
            Rotation = r.ClippedGaussian(0, 0.05),
            Scale = r.ClippedGaussian(1.0, 0.05),
            ShiftX = r.ClippedGaussian(0, 0.035),
            ShiftY = r.ClippedGaussian(0.02, 0.04),
            ChestHalfWidth = chest,
            NeckHalfWidth = r.ClippedGaussian(0.23, 0.02),
            ShoulderY = apexY - r.ClippedGaussian(0.1, 0.03),
            BodyDensity = r.ClippedGaussian(1.0, 0.08),
            ShoulderOverhang = r.ClippedGaussian(0.1, 0.03),
            BreastDensity = r.Chance(0.35) ? r.Uniform(0.05, 0.18) : 0,
            RightLung = Lung(-1, 0),
            LeftLung = Lung(1, r.ClippedGaussian(0.04, 0.015)),
            AirDensity = r.ClippedGaussian(0.78, 0.05),
            HeartX = r.ClippedGaussian(0.11, 0.025),
            HeartY = domeY + r.ClippedGaussian(-0.04, 0.025),
            HeartRadiusX = 0.36 * heartScale,
            HeartRadiusY = 0.25 * heartScale * r.ClippedGaussian(1.0, 0.04),
            HeartTilt = r.ClippedGaussian(0.45, 0.08),
            HeartDensity = r.ClippedGaussian(0.42, 0.04),
            MediastinumHalfWidth = r.ClippedGaussian(0.1, 0.012),
            AorticKnobRadius = r.ClippedGaussian(0.06, 0.008),
            CarinaY = apexY + r.ClippedGaussian(0.48, 0.03),
            GastricBubble = r.Chance(0.7) ? r.Uniform(0.4, 0.9) : 0,
            FirstRibY = apexY + r.ClippedGaussian(0.04, 0.02),
            RibSpacing = ((costophrenicY - apexY) / 9.2) * r.ClippedGaussian(1.0, 0.03),
            RibHalfWidth = r.ClippedGaussian(0.026, 0.003),
            RibArc = r.ClippedGaussian(1.0, 0.12),
            RibDensity = r.ClippedGaussian(0.09, 0.015),
            ClavicleMedialY = apexY + r.ClippedGaussian(0.13, 0.03),
            ClavicleLateralY = apexY + r.ClippedGaussian(-0.02, 0.03),
            SpineDensity = r.ClippedGaussian(0.14, 0.02),
            VertebraHeight = r.ClippedGaussian(0.095, 0.006),
            VesselDensity = r.ClippedGaussian(0.16, 0.025),
            VesselBranches = 5 + r.NextInt(3),
            Gain = r.ClippedGaussian(2.2, 0.25),
            BlackLevel = r.ClippedGaussian(0.26, 0.04),
            WhiteLevel = r.ClippedGaussian(0.95, 0.03),
            Gamma = r.ClippedGaussian(1.0, 0.12),
            NoiseLevel = r.Uniform(0.008, 0.025),
            BlurSigma = r.Uniform(0.5, 1.1),
            EdgeEnhancement = r.Uniform(0, 0.6),
        };
    }
}
