using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Model;

public sealed class ScoringStateTests
{
    [Fact]
    public void Score_OfAModelLeftInTrainMode_GivesTheEvalModeScores_AndLeavesTheModelInTrainMode()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 12, size: 32, mixed: false);
        var (probe, _) = Phantoms.Set(seed: 2, count: 6, size: 32, mixed: true);
        // Every mode, the feature memory's included (the tiny preset leaves it out).
        using var model = SimSidModel.Create(SimSidPresets.Tiny with { Scoring = SimSidPresets.Tiny.Scoring with { FeatureMemory = true } });
        Calibration.Calibrate(model, train);
        Assert.Equal(ScoringModes.All, model.AvailableModes);
        double[] RawScores(ScoringMode mode) => model.Score(probe, mode).Select(s => s.RawScore).ToArray();
        var inEvalMode = ScoringModes.All.ToDictionary(mode => mode, RawScores);
        var reconstructions = model.ScoreInDetail(probe).Reconstructions;

        // As a caller in the middle of training leaves it: batch statistics, random masking, queue feeding.
        model.Generator.train();
        model.Discriminator.train();
        var inTrainMode = ScoringModes.All.ToDictionary(mode => mode, RawScores);
        var trainModeReconstructions = model.ScoreInDetail(probe).Reconstructions;

        Assert.All(ScoringModes.All, mode => Assert.Equal(inEvalMode[mode], inTrainMode[mode]));
        Assert.Equal(reconstructions, trainModeReconstructions);
        Assert.True(model.Generator.training, "scoring switched the generator out of train mode");
        Assert.True(model.Discriminator.training, "scoring switched the discriminator out of train mode");

        // Scoring updated no running statistics: back in eval mode the scores are the same.
        model.Generator.eval();
        model.Discriminator.eval();
        Assert.All(ScoringModes.All, mode => Assert.Equal(inEvalMode[mode], RawScores(mode)));
    }
}
