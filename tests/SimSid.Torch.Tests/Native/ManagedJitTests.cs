namespace SimSid.Torch.Tests.Native;

public sealed class ManagedJitTests
{
    [Theory]
    [InlineData("0", true, false)]
    [InlineData(" 0 ", null, false)]
    [InlineData("1", false, true)]
    [InlineData(null, false, false)]
    [InlineData(null, true, true)]
    [InlineData(null, null, true)]
    public void TheEnvironmentVariableDecidesBeforeTheRuntimeConfig_AndTiersAreTheDefault(string? environment, bool? configured, bool tiered) =>
        Assert.Equal(tiered, ManagedJit.IsTiered(environment, configured));

    [Fact]
    public void AHostOnTheCpuWithTiers_IsToldHowToTurnThemOff_AndNoOtherHost()
    {
        Assert.Contains("<TieredCompilation>false</TieredCompilation>", ManagedJit.HintFor(tiered: true, "cpu"));
        Assert.Null(ManagedJit.HintFor(tiered: false, "cpu"));
        Assert.Null(ManagedJit.HintFor(tiered: true, "cuda:0"));
    }

    [Fact]
    public void TheSummarySaysWhichCompilationThisProcessRuns() =>
        Assert.Contains(ManagedJit.Tiered ? "tiered compilation (" : "tiered compilation off", ManagedJit.Summary);
}
