using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Support;

/// <summary>Scoring from several threads at once.</summary>
public static class ConcurrentScoring
{
    /// <summary>
    /// Runs <paramref name="score"/> without gradients on eight threads at once and asserts that each gets
    /// <paramref name="expected"/> (relative difference under 1e-6).
    /// </summary>
    public static void AssertEachGets(Tensor expected, Func<Tensor> score)
    {
        var results = new Tensor[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var _ = no_grad();
            results[i] = score();
        });
        try
        {
            Assert.All(results, r => Assert.True(TensorDifference.Relative(r, expected) < 1e-6, $"relative difference {TensorDifference.Relative(r, expected):G3}"));
        }
        finally
        {
            foreach (var r in results) r.Dispose();
        }
    }
}
