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
}
