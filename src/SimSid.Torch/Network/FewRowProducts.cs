using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// Products of a few rows (an image's windows) with a large matrix, when scoring. <c>x Wᵀ</c> with few rows in x makes
/// the CPU's matrix product copy all of W into its packed layout first, which costs more than the product; as
/// <c>(W xᵀ)ᵀ</c> it streams W as stored. The two differ in float rounding only. At <c>zhang</c>, one image: a
/// 2,048 x 2,048 weight against 4 rows took 1.3 ms instead of 3.6 ms (2 cores, AMD EPYC Zen 3). Matrices under
/// <see cref="LargeMatrix"/> elements and training keep libtorch's usual forms: at <c>small</c> the few-row forms
/// were no faster, and in training steps slower.
/// </summary>
public static class FewRowProducts
{
    /// <summary>Matrices from this many elements (4 MB of floats, more than a core's caches) take the few-row forms.</summary>
    public const long LargeMatrix = 1L << 20;

    /// <summary>True when <paramref name="owner"/> scores (eval mode, no gradients recorded) with a large <paramref name="matrix"/>.</summary>
    public static bool Applies(nn.Module owner, Tensor matrix) => Applies(owner, matrix.numel());

    /// <summary>True when <paramref name="owner"/> scores (eval mode, no gradients recorded) with matrices of <paramref name="elements"/> in all, a large number.</summary>
    public static bool Applies(nn.Module owner, long elements) => ScoringPass.Applies(owner) && elements >= LargeMatrix;

    /// <summary><c>x Wᵀ</c> over the last two dimensions, computed as <c>(W xᵀ)ᵀ</c>; for use where <see cref="Applies(nn.Module, Tensor)"/>.</summary>
    public static Tensor TimesTransposed(Tensor x, Tensor w) => w.matmul(x.transpose(-2, -1)).transpose(-2, -1);

    /// <summary><c>nn.functional.linear(x, weight, bias)</c> for x (..., in), as <c>(W xᵀ)ᵀ + b</c> where <see cref="Applies(nn.Module, Tensor)"/>.</summary>
    public static Tensor Linear(nn.Module owner, Tensor x, Tensor weight, Tensor? bias)
    {
        if (!Applies(owner, weight)) return nn.functional.linear(x, weight, bias);
        var rows = TimesTransposed(x.reshape(-1, x.shape[^1]), weight);
        var y = bias is null ? rows : rows.Plus(bias);
        var shape = x.shape.ToArray();
        shape[^1] = weight.shape[0];
        return y.reshape(shape);
    }
}
