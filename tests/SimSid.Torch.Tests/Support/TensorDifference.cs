using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Support;

/// <summary>How far one tensor is from another, in double precision.</summary>
public static class TensorDifference
{
    /// <summary>The largest absolute difference of <paramref name="actual"/> from <paramref name="expected"/>, relative to the largest absolute value of <paramref name="expected"/>.</summary>
    public static double Relative(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        var reference = expected.detach().to(ScalarType.Float64);
        return (actual.detach().to(ScalarType.Float64) - reference).abs().max().item<double>() / reference.abs().max().item<double>();
    }
}
