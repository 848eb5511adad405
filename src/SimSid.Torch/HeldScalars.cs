using System.Collections.Concurrent;
using TorchSharp;

namespace SimSid.Torch;

/// <summary>
/// Scalars that live as long as the process. TorchSharp 0.107 turns a number given to a tensor operation
/// (<c>x * 2</c>, <c>x.clamp_min(0)</c>) into a temporary <see cref="Scalar"/> that nothing keeps alive
/// during the native call, and frees it from its finalizer: a collection started by any other thread can
/// free it while the call still reads it (c10 then fails with "Expected false to be true", or computes with
/// another Scalar's value). Every number SimSid.Torch gives to an operation comes from here, and its sums go
/// through <see cref="Plus(torch.Tensor, torch.Tensor)"/>; the two that TorchSharp makes itself in training are
/// replaced (<see cref="Training.SimSidAdam"/>, <see cref="Network.SimSidBatchNorm2d"/>). <see cref="Of(double)"/>
/// is only for values from small sets (constants, options, sizes): each distinct value stays allocated.
/// </summary>
internal static class HeldScalars
{
    private static readonly ConcurrentDictionary<long, Scalar> Reals = new();
    private static readonly ConcurrentDictionary<long, Scalar> Integers = new();

    /// <summary>The held Scalar of the real <paramref name="value"/> (keyed by its bits, so 0.0 and -0.0 differ).</summary>
    public static Scalar Of(double value) => Reals.GetOrAdd(BitConverter.DoubleToInt64Bits(value), bits => BitConverter.Int64BitsToDouble(bits).ToScalar());

    /// <summary>The held Scalar of the integer <paramref name="value"/>.</summary>
    public static Scalar Of(long value) => Integers.GetOrAdd(value, v => v.ToScalar());

    /// <summary>
    /// A Scalar of <paramref name="value"/> for a value that changes at every call (not held): the caller keeps it
    /// alive past the native call and frees it, with <c>using</c>.
    /// </summary>
    public static Scalar Scoped(double value) => value.ToScalar();

    /// <summary><paramref name="a"/> + <paramref name="b"/>: TorchSharp's <c>a + b</c> and <c>a.add(b)</c> pass a temporary alpha of 1.</summary>
    public static torch.Tensor Plus(this torch.Tensor a, torch.Tensor b) => a.add(b, Of(1));

    /// <summary><paramref name="a"/> + <paramref name="b"/>, with held Scalars for the number and for the alpha.</summary>
    public static torch.Tensor Plus(this torch.Tensor a, double b) => a.add(Of(b), Of(1));
}
