using SimSid.Torch.Benchmarks;
using SimSid.Torch.Network;

namespace SimSid.Torch.Tests.Benchmarks;

public sealed class StepProfilerTests
{
    [Fact]
    public void Profile_NamesEveryModuleOfTheStep_WithItsCallsPerStep_AndNestsPartsInTheirNetwork()
    {
        var options = SimSidPresets.Tiny;
        var profile = StepProfiler.Run(options, steps: 4, warmupSteps: 1, replays: 1);

        Assert.Equal(4, profile.MeasuredSteps);
        Assert.Equal(options.Training.BatchSize, profile.BatchSize);
        Assert.Equal(
            ["generator", "encoder", "in-painting block", "neighbour attention",
             "student decoder", "space-aware memories", "teacher decoder", "discriminator"],
            profile.Modules.Select(m => m.Module));
        Assert.Equal([0, 1, 1, 2, 1, 2, 1, 0], profile.Modules.Select(m => m.Depth));

        var calls = profile.Modules.ToDictionary(m => m.Module, m => m.CallsPerStep);
        Assert.Equal(1, calls["generator"]);
        Assert.Equal(1, calls["encoder"]);
        // The teacher runs on generator steps only: two of the four measured steps.
        Assert.Equal(0.5, calls["teacher decoder"]);
        // One space-aware memory per decoder stage that has one (it reads its windows' memories in one pass).
        using (var model = SimSidModel.Create(options))
            Assert.Equal(model.Generator.modules().OfType<SpaceAwareMemory>().Count(), calls["space-aware memories"]);
        // Measured steps 2 to 5: two train the discriminator only (real and fake), two also the generator (a third pass).
        Assert.Equal(2.5, calls["discriminator"]);

        Assert.All(profile.Modules, m => Assert.True(m.ForwardSeconds > 0, $"{m.Module}: no forward time"));
        Assert.All(profile.Modules.Where(m => m.Depth < 2), m => Assert.True(m.BackwardSeconds > 0, $"{m.Module}: no backward time"));
        // Forward passes are timed in place, so a part's parts run inside its own forward pass.
        var generator = profile.Modules[0];
        Assert.Equal(profile.Modules.Where(m => m.Depth == 1).Sum(m => m.ForwardSeconds), generator.ForwardSeconds, 12);
        var inpainting = profile.Modules.Single(m => m.Module == "in-painting block");
        Assert.True(profile.Modules.Single(m => m.Module == "neighbour attention").ForwardSeconds <= inpainting.ForwardSeconds);
        Assert.Equal(profile.StepSeconds - generator.TotalSeconds - profile.Modules[^1].TotalSeconds, profile.RestSeconds, 9);
    }
}
