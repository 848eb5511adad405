namespace SimSid.Torch.Tests.Native;

public sealed class NativeKernelsTests
{
    [Fact]
    public void OnceAModelExists_LibTorchNoLongerOffersConvolutionsToNnpack()
    {
        using var model = SimSidModel.Create(SimSidPresets.Tiny);

        if (OperatingSystem.IsLinux()) Assert.NotNull(NativeKernels.NnpackEnabled);
        Assert.NotEqual(true, NativeKernels.NnpackEnabled);
    }

    [Fact]
    public void AReportOfNaNScores_SaysHowToRuleOutTheAvx512Kernels_OnlyWhereTheyRan()
    {
        Assert.Contains("ONEDNN_MAX_CPU_ISA=AVX2", NativeKernels.HintFor("AVX512_CORE", processorHasAvx512: true));
        Assert.Equal("", NativeKernels.HintFor("AVX2", processorHasAvx512: true));
        Assert.Equal("", NativeKernels.HintFor("AVX512_CORE", processorHasAvx512: false));

        using var model = SimSidModel.Create(SimSidPresets.Tiny);
        using (TorchSharp.torch.no_grad())
            foreach (var parameter in model.Generator.parameters()) parameter.fill_(double.NaN);
        int side = model.InputSize;
        var error = Assert.Throws<InvalidOperationException>(() => model.RawScoresInBatches(1,
            (_, count) => TorchSharp.torch.zeros(count, 1, side, side), [ScoringMode.ReconstructionError]));

        Assert.StartsWith("The network produced NaN or infinite scores", error.Message);
        Assert.EndsWith("lower the learning rate)." + NativeKernels.DivergenceHint, error.Message);
    }
}
