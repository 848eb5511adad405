namespace SimSid.Data.Synthetic;

/// <summary>
/// Paints the soft tissue: torso and neck, arms, breasts, heart, mediastinum with the aortic
/// knob, and the air of the trachea, main bronchi and gastric bubble.
/// </summary>
internal static class BodyPainter
{
    public static void Paint(RadiographLayers layers, PatientAnatomy a)
    {
        var heart = new HeartShape(a);
        double knobX = a.MediastinumHalfWidth;
        double knobY = a.CarinaY - 0.04;
        double bubbleX = a.LeftLung.DomeLateral - 0.05;
        double bubbleY = a.LeftLung.DomeY + 0.09;
        for (int i = 0; i < layers.Tissue.Length; i++)
        {
            double x = layers.X[i];
            double y = layers.Y[i];

            double across = Math.Abs(x) / TorsoHalfWidth(a, y);
            if (across >= 1)
            {
                continue;
            }

            // The body's thickness, a little fuller than a cylinder's chord: (1 - r^2)^0.4.
            double tissue = a.BodyDensity * Math.Pow(1 - (across * across), 0.4);
            double belowDiaphragm = Smooth.Step(-0.01, 0.05, y - AbdomenTop(a, x));
            double abdomen = a.HeartDensity * 0.9 * belowDiaphragm * Smooth.Step(a.ChestHalfWidth, a.ChestHalfWidth - 0.2, Math.Abs(x));

            if (a.BreastDensity > 0)
            {
                double bx = (Math.Abs(x) - 0.5) / 0.3;
                double by = (y - 0.42) / 0.24;
                tissue += a.BreastDensity * Smooth.Chord(Math.Sqrt((bx * bx) + (by * by)));
            }

            // Heart, mediastinum and abdomen are one soft-tissue mass: where they overlap the thicker one
            // shows, so the heart's borders melt into the great vessels and the liver instead of showing as arcs.
            double heartTissue = a.HeartDensity * heart.Thickness(x, y) * (1 - belowDiaphragm);
            double mediastinum = 0.3 * Smooth.Step(-0.02, 0.03, a.MediastinumHalfWidth - Math.Abs(x - 0.01)) * Smooth.Step(-0.95, -0.7, y);
            tissue += Math.Max(Math.Max(heartTissue, mediastinum), abdomen);
            double kx = (x - knobX) / a.AorticKnobRadius;
            double ky = (y - knobY) / (1.8 * a.AorticKnobRadius);
            tissue += 0.25 * Math.Sqrt(Smooth.Chord(Math.Sqrt((kx * kx) + (ky * ky))));

            double trachea = Smooth.Step(0.004, -0.004, Math.Abs(x - 0.005) - 0.028) * Smooth.Step(a.CarinaY + 0.02, a.CarinaY - 0.02, y);
            tissue -= 0.18 * trachea;
            tissue -= 0.14 * Bronchus(x - 0.005, y - a.CarinaY);

            if (a.GastricBubble > 0)
            {
                double gx = (x - bubbleX) / (0.1 * a.GastricBubble);
                double gy = (y - bubbleY) / (0.06 * a.GastricBubble);
                tissue -= 0.25 * Smooth.Chord(Math.Sqrt((gx * gx) + (gy * gy))) * Smooth.Step(-0.5, 0.2, gy);
            }

            layers.Tissue[i] += (float)Math.Max(tissue, 0);
        }
    }

    /// <summary>
    /// Half-width of the body at height <paramref name="y"/>: the neck, widening over the shoulders
    /// to beyond the chest wall, narrowing at the armpits to the chest wall, and bulging gently
    /// over the lower chest.
    /// </summary>
    private static double TorsoHalfWidth(PatientAnatomy a, double y)
    {
        double shoulders = Smooth.Step(a.ShoulderY - 0.2, a.ShoulderY + 0.1, y);
        double armpits = Smooth.Step(a.ShoulderY + 0.12, a.ShoulderY + 0.5, y);
        double shoulderWidth = a.ChestHalfWidth + a.ShoulderOverhang;
        double width = a.NeckHalfWidth + ((shoulderWidth - a.NeckHalfWidth) * shoulders);
        width -= (shoulderWidth - a.ChestHalfWidth) * armpits;
        return width + (0.03 * Math.Exp(-Smooth.Square((y - 0.15) / 0.35)));
    }

    /// <summary>Where the abdomen starts under the patient point at <paramref name="x"/>: the diaphragm.</summary>
    private static double AbdomenTop(PatientAnatomy a, double x)
    {
        // Blend the two hemidiaphragms across the midline so the abdomen has no seam there.
        double left = Smooth.Step(-0.1, 0.1, x);
        return ((1 - left) * a.RightLung.DiaphragmY(a.RightLung.Lateral(x))) + (left * a.LeftLung.DiaphragmY(a.LeftLung.Lateral(x)));
    }

    /// <summary>Air of the two main bronchi, leaving the carina at about 35 degrees from vertical.</summary>
    private static double Bronchus(double dx, double dy)
    {
        if (dy < 0 || dy > 0.14)
        {
            return 0;
        }

        double centre = Math.Abs(dx) - (0.7 * dy);
        return Smooth.Step(0.004, -0.004, Math.Abs(centre) - 0.02);
    }
}
