using SimSid.Cli.Commands;

namespace SimSid.Cli.Tests;

/// <summary>What train's command line makes of the preset's options.</summary>
public sealed class TrainOptionsTests
{
    [Fact]
    public void TheCpuRecipesStepBound_Applies_UntilTheEpochsAreNamed_ThenThoseEpochsAreTrainedWhateverTheSetsSize()
    {
        var byDefault = new TrainCommand.Settings { Preset = "cpu" }.Options().Training;
        var named = new TrainCommand.Settings { Preset = "cpu", Epochs = 12 }.Options().Training;

        Assert.Equal((12, 1500), (byDefault.Epochs, byDefault.MaxSteps));
        Assert.Equal(4, byDefault.EpochsFor(5000));
        Assert.Equal((12, (int?)null), (named.Epochs, named.MaxSteps));
        Assert.Equal(12, named.EpochsFor(5000));
    }
}
