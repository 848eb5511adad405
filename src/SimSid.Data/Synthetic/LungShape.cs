namespace SimSid.Data.Synthetic;

/// <summary>
/// The outline of one lung field in patient coordinates (x to the image's right, y down, both in
/// [-1, 1]). Coordinates along x are "lateral": distance from the midline on this lung's side.
/// The lung runs from a rounded apex down to a diaphragm dome that meets the chest wall at the
/// costophrenic angle.
/// </summary>
internal sealed record LungShape(
    int Side,
    double ApexLateral,
    double ApexY,
    double MedialLateral,
    double OuterLateral,
    double CostophrenicY,
    double DomeY,
    double DomeLateral,
    double ApexRounding)
{
    /// <summary>How far the diaphragm falls from the dome to the lung's medial edge.</summary>
    public const double MedialFall = 0.06;

    /// <summary>Lateral coordinate of <paramref name="x"/> on this lung's side (positive towards its chest wall).</summary>
    public double Lateral(double x) => Side * x;

    /// <summary>Height fraction: 0 at the apex, 1 at the costophrenic angle.</summary>
    public double HeightFraction(double y) => (y - ApexY) / (CostophrenicY - ApexY);

    /// <summary>Half-width of the lung at height fraction <paramref name="t"/> (0 above the apex).</summary>
    public double HalfWidth(double t) => t <= 0 ? 0 : 0.5 * (OuterLateral - MedialLateral) * Opening(t);

    /// <summary>Lateral coordinate of the lung's horizontal centre at height fraction <paramref name="t"/>.</summary>
    public double CenterLateral(double t)
    {
        double s = Opening(t);
        return (ApexLateral * (1 - s)) + ((MedialLateral + (0.5 * (OuterLateral - MedialLateral))) * s);
    }

    /// <summary>
    /// Height of the diaphragm under lateral coordinate <paramref name="lateral"/>: a dome that falls
    /// steeply to the costophrenic angle laterally and gently (by <see cref="MedialFall"/>) towards
    /// the midline, where the heart rests on it.
    /// </summary>
    public double DiaphragmY(double lateral)
    {
        double fall = lateral >= DomeLateral ? CostophrenicY - DomeY : MedialFall;
        double reach = lateral >= DomeLateral ? OuterLateral - DomeLateral : DomeLateral - MedialLateral;
        return DomeY + (fall * Smooth.Square((lateral - DomeLateral) / reach));
    }

    /// <summary>
    /// Distances of (x, y) inside the lung (negative outside): to the nearer side wall, to the
    /// chest wall alone (lateral side and apex), and to the diaphragm below.
    /// </summary>
    public (double Side, double Outer, double Floor) Distances(double x, double y)
    {
        double t = HeightFraction(y);
        double lateral = Lateral(x);
        double halfWidth = HalfWidth(t);
        double offset = lateral - CenterLateral(t);
        double side = halfWidth - Math.Abs(offset);
        double outer = offset >= 0 ? side : halfWidth + Math.Abs(offset);
        if (t <= 0)
        {
            side = outer = -0.5 * Math.Abs(t);
        }

        return (side, outer, DiaphragmY(lateral) - y);
    }

    /// <summary>How far the lung has opened from its apex: 0 at the apex, 1 from <see cref="ApexRounding"/> of its height down.</summary>
    private double Opening(double t)
    {
        double u = 1 - Math.Clamp(t / ApexRounding, 0, 1);
        return Math.Sqrt(1 - (u * u));
    }

    /// <summary>
    /// A point inside the lung at height fraction <paramref name="t"/> and position
    /// <paramref name="across"/> from its medial (-1) to its outer (+1) edge, kept at least
    /// <paramref name="margin"/> above the diaphragm.
    /// </summary>
    public (double X, double Y) PointAt(double t, double across, double margin)
    {
        double lateral = CenterLateral(t) + (across * HalfWidth(t));
        double y = ApexY + (t * (CostophrenicY - ApexY));
        y = Math.Min(y, DiaphragmY(lateral) - margin);
        return (Side * lateral, y);
    }
}
