using MathNet.Numerics.LinearAlgebra;

namespace SimSid.Data.Tests.Support;

/// <summary>
/// The pixel-PCA anomaly baseline: fit principal components on normal images; an image's score
/// is its squared reconstruction error from the top components.
/// </summary>
public sealed class PcaBaseline
{
    private readonly Vector<double> _mean;
    private readonly Matrix<double> _components;

    private PcaBaseline(Vector<double> mean, Matrix<double> components)
    {
        _mean = mean;
        _components = components;
    }

    /// <summary>Fits <paramref name="components"/> components (via the eigenvectors of the Gram matrix, as n is much smaller than the pixel count).</summary>
    public static PcaBaseline Fit(IReadOnlyList<float[]> normals, int components)
    {
        int n = normals.Count;
        int d = normals[0].Length;
        var data = Matrix<double>.Build.Dense(n, d, (i, j) => normals[i][j]);
        var mean = data.ColumnSums() / n;
        for (int i = 0; i < n; i++)
        {
            data.SetRow(i, data.Row(i) - mean);
        }

        var gram = data * data.Transpose();
        var evd = gram.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, n).OrderByDescending(i => evd.EigenValues[i].Real).Take(components).ToArray();
        var basis = Matrix<double>.Build.Dense(components, d);
        for (int c = 0; c < components; c++)
        {
            var direction = data.TransposeThisAndMultiply(evd.EigenVectors.Column(order[c]));
            basis.SetRow(c, direction / direction.L2Norm());
        }

        return new PcaBaseline(mean, basis);
    }

    /// <summary>Squared distance of <paramref name="image"/> from the principal subspace.</summary>
    public double Score(float[] image)
    {
        var centred = Vector<double>.Build.Dense(image.Length, j => image[j] - _mean[j]);
        var projection = _components * centred;
        return centred.DotProduct(centred) - projection.DotProduct(projection);
    }
}
