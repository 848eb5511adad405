namespace SimSid.Data.Synthetic;

/// <summary>
/// Paints the bones: the thoracic spine (vertebral bodies, disc spaces, pedicles), posterior and
/// anterior ribs on both sides, and the clavicles. Bones are tubes, so their edges (cortex)
/// come out brighter than their middle.
/// </summary>
internal static class SkeletonPainter
{
    private const int RibCount = 11;
    private const double SpineHalfWidth = 0.05;

    /// <summary>Lateral coordinate where the anterior ribs end (their cartilage does not show).</summary>
    private const double AnteriorEnd = 0.3;

    /// <summary>Fall of the anterior ribs per unit towards the midline.</summary>
    private const double AnteriorSlope = 0.5;

    private static readonly double AnteriorCosine = 1 / Math.Sqrt(1 + (AnteriorSlope * AnteriorSlope));

    public static void Paint(RadiographLayers layers, PatientAnatomy a)
    {
        var rightRibs = RibsOf(a, a.RightLung);
        var leftRibs = RibsOf(a, a.LeftLung);
        for (int i = 0; i < layers.Bone.Length; i++)
        {
            double x = layers.X[i];
            double y = layers.Y[i];
            double bone = 0;
            double lateral = Math.Abs(x);
            var lung = x < 0 ? a.RightLung : a.LeftLung;
            foreach (var rib in x < 0 ? rightRibs : leftRibs)
            {
                if (y > rib.Top && y < rib.Bottom)
                {
                    bone += Rib(a, rib, lateral, y);
                }
            }

            // Lower ribs fade over the upper abdomen, where they run in front of dense soft tissue.
            bone *= 1 - (0.6 * Smooth.Step(0, 0.1, y - lung.DiaphragmY(lung.Lateral(x))));
            bone += Spine(a, x, y) + Clavicle(a, lateral, y);
            layers.Bone[i] += (float)bone;
        }
    }

    /// <summary>Where one rib runs: from the spine at <see cref="StartY"/> out to the chest wall and back in to <see cref="EndY"/>.</summary>
    private readonly record struct RibPath(double StartY, double EndY, double Wall, double HalfWidth, double Top, double Bottom);

    private static RibPath[] RibsOf(PatientAnatomy a, LungShape lung)
    {
        var ribs = new RibPath[RibCount];
        for (int k = 0; k < RibCount; k++)
        {
            double startY = a.FirstRibY + (k * a.RibSpacing * (1 + (0.025 * k)));
            double endY = startY + (a.RibArc * 0.2);
            double wall = RibCageLateral(lung, endY);
            double halfWidth = a.RibHalfWidth * (0.8 + (0.04 * k));
            double margin = 2 * halfWidth;
            ribs[k] = new RibPath(
                startY, endY, wall, halfWidth,
                Top: startY - (0.06 * a.RibArc) - margin,
                Bottom: Math.Max(startY + (0.2 * a.RibArc), endY + (AnteriorSlope * (wall - AnteriorEnd))) + margin);
        }

        return ribs;
    }

    private static double Spine(PatientAnatomy a, double x, double y)
    {
        double body = Smooth.Step(0.006, -0.006, Math.Abs(x) - SpineHalfWidth);
        if (body <= 0 && Math.Abs(x) > SpineHalfWidth + 0.04)
        {
            return 0;
        }

        double phase = (y / a.VertebraHeight) - Math.Floor(y / a.VertebraHeight);
        double disc = Math.Exp(-Smooth.Square((phase - 0.5) / 0.09));
        double cortex = 0.6 + (0.4 * Smooth.Square(Smooth.Square(x / SpineHalfWidth)));
        double value = a.SpineDensity * body * cortex * (1 - (0.45 * disc));

        double pedicleY = (phase - 0.3) * a.VertebraHeight / 0.022;
        double pedicleX = (Math.Abs(x) - 0.032) / 0.012;
        double pedicle = Math.Sqrt((pedicleX * pedicleX) + (pedicleY * pedicleY));
        value += 0.5 * a.SpineDensity * Math.Exp(-Smooth.Square((pedicle - 0.8) / 0.25));
        return value;
    }

    /// <summary>One rib: a posterior arc from the spine out to the chest wall, then a fainter anterior limb back down and in.</summary>
    private static double Rib(PatientAnatomy a, RibPath rib, double lateral, double y)
    {
        double value = 0;
        double wall = rib.Wall;
        if (lateral >= 0.03 && lateral <= wall)
        {
            double span = wall - 0.03;
            double u = (lateral - 0.03) / span;
            double centre = rib.StartY + (a.RibArc * ((-0.3 * u) + (0.5 * u * u)));
            double slope = a.RibArc * ((-0.3 + (1.0 * u)) / span);
            double end = Smooth.Step(wall, wall - 0.04, lateral);
            value += a.RibDensity * end * Tube((y - centre) / Math.Sqrt(1 + (slope * slope)), rib.HalfWidth);
        }

        if (lateral >= AnteriorEnd && lateral <= wall)
        {
            double centre = rib.EndY + (AnteriorSlope * (wall - lateral));
            double fade = Smooth.Step(AnteriorEnd, AnteriorEnd + 0.15, lateral) * Smooth.Step(wall, wall - 0.04, lateral);
            value += 0.35 * a.RibDensity * fade * Tube((y - centre) * AnteriorCosine, 1.3 * rib.HalfWidth);
        }

        return value;
    }

    /// <summary>Where the rib cage's side wall is at height <paramref name="y"/>: just outside the lung.</summary>
    private static double RibCageLateral(LungShape lung, double y)
    {
        double t = Math.Clamp(lung.HeightFraction(y), 0.05, 1);
        return lung.CenterLateral(t) + lung.HalfWidth(t) + 0.035;
    }

    private static double Clavicle(PatientAnatomy a, double lateral, double y)
    {
        const double medialEnd = 0.05;
        const double lateralEnd = 0.68;
        if (lateral < medialEnd - 0.03 || lateral > lateralEnd + 0.03)
        {
            return 0;
        }

        double u = Math.Clamp((lateral - medialEnd) / (lateralEnd - medialEnd), 0, 1);
        double centre = a.ClavicleMedialY + ((a.ClavicleLateralY - a.ClavicleMedialY) * u) + (0.03 * Math.Sin(2 * Math.PI * u));
        double ends = Smooth.Step(medialEnd - 0.03, medialEnd + 0.01, lateral) * Smooth.Step(lateralEnd + 0.03, lateralEnd - 0.02, lateral);
        return 1.7 * a.RibDensity * ends * Tube(y - centre, 0.028 + (0.01 * (1 - u)));
    }

    /// <summary>Density across a bony tube at signed distance <paramref name="d"/> from its axis.</summary>
    private static double Tube(double d, double halfWidth)
    {
        double r = Math.Abs(d) / halfWidth;
        if (r >= 1.15)
        {
            return 0;
        }

        double inner = Math.Min(r, 1);
        inner *= inner;
        return (0.55 + (0.45 * inner * inner)) * Smooth.Step(1.15, 0.95, r);
    }
}
