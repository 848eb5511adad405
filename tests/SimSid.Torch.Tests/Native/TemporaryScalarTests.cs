using SimSid.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Native;

public sealed class TemporaryScalarTests
{
    [Fact]
    public void SimSidTorch_GivesEveryNumberToOperationsAsAHeldScalar()
    {
        Assert.Empty(TemporaryScalars.In(typeof(HeldScalars).Assembly, nameof(HeldScalars)));
    }

    [Fact]
    public void TheSearch_FindsNumbersGivenToTensorOperatorsAndConvertedToScalars()
    {
        var found = TemporaryScalars.In(typeof(TemporaryScalarTests).Assembly)
            .Where(call => call.StartsWith($"{nameof(TemporaryScalarTests)}.{nameof(Hazardous)}:", StringComparison.Ordinal)).ToList();

        Assert.Contains(found, call => call.EndsWith("TorchSharp.torch+Tensor.op_Multiply(TorchSharp.torch+Tensor, System.Int32)", StringComparison.Ordinal));
        Assert.Contains(found, call => call.EndsWith("TorchSharp.torch+Tensor.op_Addition(TorchSharp.torch+Tensor, System.Double)", StringComparison.Ordinal));
        Assert.Contains(found, call => call.EndsWith("TorchSharp.Scalar.op_Implicit(System.Double)", StringComparison.Ordinal));
        Assert.Equal(3, found.Count);
    }

    [Fact]
    public void HeldScalars_AreOnePerValueAndKind_AndComputeAsTheNumbers()
    {
        Assert.Same(HeldScalars.Of(0.5), HeldScalars.Of(0.5));
        Assert.Same(HeldScalars.Of(2), HeldScalars.Of(2L));
        Assert.NotSame(HeldScalars.Of(0.0), HeldScalars.Of(-0.0));
        Assert.Equal(ScalarType.Int64, HeldScalars.Of(2).Type);
        Assert.Equal(ScalarType.Float64, HeldScalars.Of(2.0).Type);

        using var x = tensor(new[] { 1.5f, -3f });
        using var product = x.mul(HeldScalars.Of(2)).add(HeldScalars.Of(0.25));
        Assert.Equal(new[] { 3.25f, -5.75f }, product.data<float>().ToArray());
    }

    // What the search must find: a number given to an operator, and one converted to a Scalar for a method.
    private static Tensor Hazardous(Tensor x) => (x * 2 + 0.5).clamp_min(0.0);
}
