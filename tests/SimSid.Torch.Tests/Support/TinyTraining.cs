namespace SimSid.Torch.Tests.Support;

/// <summary>The tiny preset trained for a few epochs with a given seed: seconds per run.</summary>
public static class TinyTraining
{
    public static SimSidOptions Options(int epochs, int seed) => SimSidPresets.Tiny with
    {
        Seed = seed,
        Training = SimSidPresets.Tiny.Training with { Epochs = epochs },
    };
}
