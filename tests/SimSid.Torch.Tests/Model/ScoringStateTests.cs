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

    [Fact]
    public void ScoreEach_GivesEveryModesScores_AsScoringOneModeAtATimeDoes()
    {
        var (train, _) = Phantoms.Set(seed: 3, count: 12, size: 32, mixed: false);
        var (probe, _) = Phantoms.Set(seed: 4, count: 7, size: 32, mixed: true);
        var options = SimSidPresets.Tiny with { Scoring = SimSidPresets.Tiny.Scoring with { FeatureMemory = true, BatchSize = 3 } };
        using var model = SimSidModel.Create(options);
        Assert.Throws<InvalidOperationException>(() => model.ScoreEach(probe, ScoringModes.All));
        Calibration.Calibrate(model, train);

        // Every mode, and a combined memory asked for before the memories it is made of (batches of 3 cross the 7 images).
        var modes = new[] { ScoringMode.Memories }.Concat(ScoringModes.All).ToList();
        var together = model.ScoreEach(probe, modes);

        Assert.Equal(ScoringModes.All.Order(), together.Keys.Order());
        foreach (var mode in ScoringModes.All)
        {
            var alone = model.Score(probe, mode);
            Assert.Equal(alone.Select(s => s.RawScore), together[mode].Select(s => s.RawScore));
            Assert.Equal(alone.Select(s => s.IsAnomalous), together[mode].Select(s => s.IsAnomalous));
        }
    }
}
