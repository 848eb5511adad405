namespace SimSid.Data.Synthetic;

/// <summary>
/// The per-pixel maps a synthetic radiograph is built from, before image formation. Every map is
/// a density (attenuation along the ray); the radiograph shows
/// <c>Tissue + Bone + LungMask * Markings - Air</c>. <see cref="X"/> and <see cref="Y"/> hold each
/// pixel's patient coordinates, so painters work in patient space while the pose varies.
/// </summary>
internal sealed class RadiographLayers
{
    private readonly double _cos;
    private readonly double _sin;
    private readonly PatientAnatomy _anatomy;

    public RadiographLayers(int size, PatientAnatomy anatomy)
    {
        Size = size;
        _anatomy = anatomy;
        _cos = Math.Cos(anatomy.Rotation);
        _sin = Math.Sin(anatomy.Rotation);
        int count = size * size;
        X = new float[count];
        Y = new float[count];
        Tissue = new float[count];
        Bone = new float[count];
        Air = new float[count];
        Markings = new float[count];
        LungMask = new float[count];
        for (int row = 0; row < size; row++)
        {
            for (int col = 0; col < size; col++)
            {
                var (x, y) = ToPatient(col, row);
                X[(row * size) + col] = (float)x;
                Y[(row * size) + col] = (float)y;
            }
        }
    }

    public int Size { get; }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Tissue { get; }

    public float[] Bone { get; }

    public float[] Air { get; }

    public float[] Markings { get; }

    /// <summary>1 inside the lung fields, 0 outside, soft at the border.</summary>
    public float[] LungMask { get; }

    /// <summary>Pixels per patient-coordinate unit.</summary>
    public double PixelsPerUnit => _anatomy.Scale * Size / 2.0;

    /// <summary>The pixel position (column, row; pixel centres at integers) of a patient point.</summary>
    public (double Column, double Row) ToPixel(double x, double y)
    {
        double s = _anatomy.Scale;
        double ix = (s * ((_cos * x) - (_sin * y))) + _anatomy.ShiftX;
        double iy = (s * ((_sin * x) + (_cos * y))) + _anatomy.ShiftY;
        return (((ix + 1) * Size / 2.0) - 0.5, ((iy + 1) * Size / 2.0) - 0.5);
    }

    /// <summary>The total density of every pixel.</summary>
    public float[] Density()
    {
        var density = new float[Tissue.Length];
        for (int i = 0; i < density.Length; i++)
        {
            density[i] = Tissue[i] + Bone[i] + (LungMask[i] * Markings[i]) - Air[i];
        }

        return density;
    }

    private (double X, double Y) ToPatient(int column, int row)
    {
        double ix = (((column + 0.5) * 2.0) / Size) - 1 - _anatomy.ShiftX;
        double iy = (((row + 0.5) * 2.0) / Size) - 1 - _anatomy.ShiftY;
        double s = _anatomy.Scale;
        return (((_cos * ix) + (_sin * iy)) / s, ((-_sin * ix) + (_cos * iy)) / s);
    }
}
