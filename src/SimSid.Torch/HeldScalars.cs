using System.Collections.Concurrent;
using TorchSharp;

namespace SimSid.Torch;

/// <summary>
/// Scalars that live as long as the process. TorchSharp 0.107 turns a number given to a tensor operation
/// (<c>x * 2</c>, <c>x.clamp_min(0)</c>) into a temporary <see cref="Scalar"/> that nothing keeps alive
/// during the native call, and frees it from its finalizer: a collection started by any other thread can
/// free it while the call still reads it (c10 then fails with "Expected false to be true", or worse). Every
/// number SimSid.Torch gives to an operation comes from here. Only for values from small sets (constants,
/// options, sizes): each distinct value stays allocated.
/// </summary>
internal static class HeldScalars
{
    private static readonly ConcurrentDictionary<long, Scalar> Reals = new();
    private static readonly ConcurrentDictionary<long, Scalar> Integers = new();

    /// <summary>The held Scalar of the real <paramref name="value"/> (keyed by its bits, so 0.0 and -0.0 differ).</summary>
    public static Scalar Of(double value) => Reals.GetOrAdd(BitConverter.DoubleToInt64Bits(value), bits => BitConverter.Int64BitsToDouble(bits).ToScalar());

    /// <summary>The held Scalar of the integer <paramref name="value"/>.</summary>
    public static Scalar Of(long value) => Integers.GetOrAdd(value, v => v.ToScalar());
}
