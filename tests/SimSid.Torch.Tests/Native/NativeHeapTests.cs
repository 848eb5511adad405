namespace SimSid.Torch.Tests.Native;

public sealed class NativeHeapTests
{
    [Fact]
    public void OnLinuxWithGlibc_TheAllocatorIsSetToKeepLargeBlocks_UnlessTheUserChoseOtherwise()
    {
        bool userChose = Environment.GetEnvironmentVariable(NativeHeap.OptOutVariable) == "default"
            || NativeHeap.UserVariables.Any(v => Environment.GetEnvironmentVariable(v) is { Length: > 0 });
        bool glibc = OperatingSystem.IsLinux() && File.ReadAllText("/proc/self/maps").Contains("libc.so.6");
        Assert.Equal(glibc && !userChose, NativeHeap.KeepsLargeBlocks);
    }
}
