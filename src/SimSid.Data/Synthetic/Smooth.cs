namespace SimSid.Data.Synthetic;

/// <summary>Small shaping functions shared by the painters.</summary>
internal static class Smooth
{
    /// <summary>0 below <paramref name="edge0"/>, 1 above <paramref name="edge1"/>, a smooth ramp between.</summary>
    public static double Step(double edge0, double edge1, double x)
    {
        double t = Math.Clamp((x - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - (2 * t));
    }

    /// <summary>Path length through a cylinder or sphere of unit radius at normalised distance <paramref name="r"/> from its axis.</summary>
    public static double Chord(double r) => r >= 1 ? 0 : Math.Sqrt(1 - (r * r));

    /// <summary>x squared.</summary>
    public static double Square(double x) => x * x;
}
