using SimSid.Tests.Shared;
using SimSid.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Native;

public sealed class TemporaryScalarTests
{
    [Fact]
    public void SimSidTorch_GivesEveryNumberToOperationsAsAHeldScalar()
    {
        var found = TemporaryScalars.In(typeof(HeldScalars).Assembly, nameof(HeldScalars));
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void TheSearch_FindsNumbersGivenToTensorOperatorsAndConvertedToScalars()
    {
        var found = TemporaryScalars.In(typeof(TemporaryScalarTests).Assembly)
            .Where(call => call.StartsWith($"{nameof(TemporaryScalarTests)}.{nameof(Hazardous)}:", StringComparison.Ordinal)).ToList();

        Assert.Contains(found, call => call.EndsWith("TorchSharp.torch+Tensor.op_Multiply(TorchSharp.torch+Tensor, System.Int32)", StringComparison.Ordinal));
        Assert.Contains(found, call => call.EndsWith("TorchSharp.torch+Tensor.op_Addition(TorchSharp.torch+Tensor, System.Double)", StringComparison.Ordinal));
        Assert.Contains(found, call => call.EndsWith("TorchSharp.Scalar.op_Implicit(System.Double)", StringComparison.Ordinal));
        Assert.Contains(found, call => call.EndsWith("TorchSharp.torch+Tensor.op_Addition(TorchSharp.torch+Tensor, TorchSharp.torch+Tensor)", StringComparison.Ordinal));
        Assert.Contains(found, call => call.EndsWith("TorchSharp.torch+Tensor.add(TorchSharp.Scalar)", StringComparison.Ordinal));
        Assert.Equal(5, found.Count);
    }

    [Fact]
    public void HeldScalars_AreOnePerValueAndKind_AndSumsWithThemComputeAsTheNumbers()
    {
        Assert.Same(HeldScalars.Of(0.5), HeldScalars.Of(0.5));
        Assert.Same(HeldScalars.Of(2), HeldScalars.Of(2L));
        Assert.NotSame(HeldScalars.Of(0.0), HeldScalars.Of(-0.0));
        Assert.Equal(ScalarType.Int64, HeldScalars.Of(2).Type);
        Assert.Equal(ScalarType.Float64, HeldScalars.Of(2.0).Type);

        using var x = tensor(new[] { 1.5f, -3f });
        using var product = x.mul(HeldScalars.Of(2)).Plus(0.25);
        using var sum = product.Plus(x);
        Assert.Equal(new[] { 3.25f, -5.75f }, product.data<float>().ToArray());
        Assert.Equal(new[] { 4.75f, -8.75f }, sum.data<float>().ToArray());
    }

    [Fact]
    public void TheNetworksInEvalMode_ComputeTheSame_WhileAnotherThreadForcesCollectionsAndFinalizers()
    {
        // With a temporary Scalar anywhere on this path, the finalizers run here free it mid-call within a few
        // passes: c10 then throws or computes with another Scalar's value (seen before HeldScalars).
        using var model = SimSidModel.Create(SimSidPresets.Tiny);
        model.Generator.eval();
        model.Discriminator.eval();
        using var images = rand(8, 1, 32, 32).mul_(HeldScalars.Of(2)).sub_(HeldScalars.Of(1));
        float[] Run()
        {
            using var gradient = no_grad();
            using var scope = NewDisposeScope();
            var reconstruction = model.Generator.Reconstruct(images);
            return [.. reconstruction.data<float>(), .. model.Discriminator.call(reconstruction).data<float>()];
        }

        var (expected, passes) = OnOneTorchThread(() => (Run(), WhileCollecting(() => Enumerable.Range(0, 200).Select(_ => Run()).ToList())));

        Assert.All(passes, pass => Assert.Equal(expected, pass));
    }

    [Fact]
    public void Training_GivesTheSameModel_WhileAnotherThreadForcesCollectionsAndFinalizers()
    {
        // Training runs Adam's updates and BatchNorm's batch count too (SimSidAdam, SimSidBatchNorm2d).
        var random = new Random(3);
        var images = Enumerable.Range(0, 32).Select(_ => Enumerable.Range(0, 32 * 32).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var options = SimSidPresets.Tiny with { Training = SimSidPresets.Tiny.Training with { Epochs = 5 } };
        double[] Train()
        {
            using var model = new SimSidTrainer(options).Fit(images);
            return [.. model.Score(images).Select(s => s.Score)];
        }

        var (expected, collected) = OnOneTorchThread(() => (Train(), WhileCollecting(Train)));

        Assert.Equal(expected, collected);
    }

    // The collector below holds a core as long as it runs; torch's threads waiting for it made these tests take
    // minutes instead of seconds on 2 cores. One torch thread for the expected run and the collected one alike,
    // so that both compute the same sums in the same order.
    private static T OnOneTorchThread<T>(Func<T> test)
    {
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            return test();
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    // Runs work while another thread forces collections and runs finalizers, as fast as it can.
    private static T WhileCollecting<T>(Func<T> work)
    {
        bool stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            return work();
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }

    // What the search must find: a number given to an operator, one converted to a Scalar for a method, and
    // sums whose alpha TorchSharp makes (a + b, a.add(held)); a.add(b, held alpha) is safe.
    private static Tensor Hazardous(Tensor x) => ((x * 2 + 0.5).clamp_min(0.0) + x).add(HeldScalars.Of(1.0)).add(x, HeldScalars.Of(1));
}
