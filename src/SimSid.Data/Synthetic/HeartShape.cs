namespace SimSid.Data.Synthetic;

/// <summary>The cardiac silhouette: a tilted ellipsoid left of the patient's midline.</summary>
internal readonly struct HeartShape(PatientAnatomy anatomy)
{
    private readonly double _cos = Math.Cos(anatomy.HeartTilt);
    private readonly double _sin = Math.Sin(anatomy.HeartTilt);

    /// <summary>Relative thickness of the heart along the ray through (x, y): 1 at its centre, 0 outside.</summary>
    public double Thickness(double x, double y)
    {
        double dx = x - anatomy.HeartX;
        double dy = y - anatomy.HeartY;
        double u = ((_cos * dx) + (_sin * dy)) / anatomy.HeartRadiusX;
        double v = ((-_sin * dx) + (_cos * dy)) / anatomy.HeartRadiusY;
        return Smooth.Chord(Math.Sqrt((u * u) + (v * v)));
    }
}
