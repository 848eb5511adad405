using SimSid.Torch.Pretrained;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Pretrained;

/// <summary>
/// Combinations of memory modes (both memories; the feature memory's most unusual place and its mean over the image): each
/// part's standardised raw score, averaged, and calibrated as a mode of its own.
/// </summary>
public sealed class MemoriesScoreTests
{
    private static SimSidOptions BothMemories(int seed = 1) => TinyTraining.Options(epochs: 1, seed: seed) is var o
        ? o with { Scoring = o.Scoring with { FeatureMemory = true } }
        : throw new InvalidOperationException();

    private static double Standardised(double raw, LogitStatistics s) => (raw - s.Mean) / (s.Std + 1e-8);

    [Fact]
    public void Combine_AveragesEachMemorysValuesInItsOwnStandardDeviations()
    {
        using var scope = NewDisposeScope();
        var pixels = tensor(new float[] { 3, 5, 9 });
        var features = tensor(new float[] { 10, 40, 20 });
        var statistics = new[] { new LogitStatistics(5, 2), new LogitStatistics(20, 10) };

        var combined = MemoriesScore.Combine([pixels, features], statistics).data<float>().ToArray();

        Assert.Equal(new[] { (-1 + -1) / 2.0, (0 + 2) / 2.0, (2 + 0) / 2.0 }, combined.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(combined.Select(v => (double)v), MemoriesScore.Combine([[3.0, 5, 9], [10.0, 40, 20]], statistics), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Throws<ArgumentException>(() => MemoriesScore.Combine([pixels, features], statistics.Take(1).ToList()));
        Assert.Throws<ArgumentException>(() => MemoriesScore.Combine(Array.Empty<Tensor>(), []));
    }

    // The cpu recipe's combination: the feature memory's most unusual place beside its third stage's mean over the image.
    private static SimSidOptions For(ScoringMode combination, int seed = 1) => BothMemories(seed) is var o && combination == ScoringMode.FocalAndDiffuse
        ? o with { Scoring = o.Scoring with { FeatureMemoryMeanStage = ResNetStage.Third } }
        : BothMemories(seed);

    private static PatchMemory MemoryOf(SimSidModel model, ScoringMode part) => part switch
    {
        ScoringMode.PatchMemory => model.PatchMemory!,
        ScoringMode.FeatureMemory => model.FeatureMemory!,
        _ => model.MeanFeatureMemory!,
    };

    [Theory]
    [InlineData(ScoringMode.Memories)]
    [InlineData(ScoringMode.FocalAndDiffuse)]
    public void ACalibratedModel_ScoresACombination_AsTheMeanOfItsPartsStandardisedScores_CalibratedOnTheSameRememberedImages(ScoringMode combination)
    {
        var train = Phantoms.EightBit(Phantoms.Set(seed: 31, count: 30, size: 32, mixed: false).Images);
        var (test, _) = Phantoms.Set(seed: 32, count: 12, size: 32, mixed: true);
        using var model = SimSidModel.Create(For(combination));
        Calibration.Calibrate(model, train);
        var c = model.Calibration!;
        Assert.Contains(combination, model.AvailableModes);
        var parts = combination.MemoryParts();
        Assert.Equal(combination == ScoringMode.Memories ? [ScoringMode.PatchMemory, ScoringMode.FeatureMemory] : [ScoringMode.FeatureMemory, ScoringMode.FeatureMemoryMean], parts);

        var first = model.Score(test, parts[0]);
        var second = model.Score(test, parts[1]);
        var both = model.Score(test, combination);

        var expected = first.Zip(second, (a, b) => (Standardised(a.RawScore, c.For(parts[0])) + Standardised(b.RawScore, c.For(parts[1]))) / 2);
        Assert.Equal(expected, both.Select(s => s.RawScore), (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(both.Select(s => c.Score(s.RawScore, combination)), both.Select(s => s.Score), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.All(both, s => Assert.Equal(s.Score >= model.ThresholdFor(combination)!.Threshold, s.IsAnomalous));
        // Scored beside its parts (each batch described once for every memory), it scores as alone.
        var together = model.ScoreEach(test, [.. parts, combination]);
        Assert.Equal(both.Select(s => s.RawScore), together[combination].Select(s => s.RawScore), (a, b) => Math.Abs(a - b) < 1e-6);

        // Its own statistics are those of the remembered images' combined scores, each scored against the others.
        int n = Math.Min(model.Options.Scoring.CalibrationImages, model.PatchMemory!.Count);
        var remembered = MemoryOf(model, parts[0]).RememberedRawScores(n, 8, parts[0].Summary()).Zip(MemoryOf(model, parts[1]).RememberedRawScores(n, 8, parts[1].Summary()),
            (a, b) => (Standardised(a, c.For(parts[0])) + Standardised(b, c.For(parts[1]))) / 2).ToList();
        var own = LogitStatistics.Of(remembered);
        Assert.Equal(own.Mean, c.For(combination).Mean, 6);
        Assert.Equal(own.Std, c.For(combination).Std, 6);
        Assert.True(own.Std > 0.1, $"the combined scores of remembered images hardly vary: {own}");
    }

    [Fact]
    public void BeforeCalibration_AsTrainingValidatesWithIt_ItsRawScoresAreThoseOfTheCalibratedModel()
    {
        var train = Phantoms.EightBit(Phantoms.Set(seed: 38, count: 20, size: 32, mixed: false).Images);
        var (test, _) = Phantoms.Set(seed: 39, count: 6, size: 32, mixed: true);
        using var model = SimSidModel.Create(BothMemories());
        using var data = ImageCache.From(train, model.InputSize);
        using var images = ImageTensors.FromPixels(test, model.InputSize, 0, test.Count, model.Device);
        // As the trainer does before its first epoch: the memory, and no calibration yet.
        model.PatchMemory = PatchMemory.Remember(data, model.Options.Scoring.PatchMemoryImages, model.Device, model.Options.Network.ImageSize);
        Assert.Null(model.Calibration);

        var before = Calibration.RawScores(model, images, ScoringMode.Memories)[0];
        Calibration.Calibrate(model, data);
        var after = Calibration.RawScores(model, images, ScoringMode.Memories)[0];

        Assert.Equal(after, before, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(after, model.Score(test, ScoringMode.Memories).Select(s => s.RawScore), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void ItsAnomalyMaps_AreTheMeanOfBothMemoriesStandardisedMaps()
    {
        var train = Phantoms.EightBit(Phantoms.Set(seed: 33, count: 20, size: 32, mixed: false).Images);
        var (test, _) = Phantoms.Set(seed: 34, count: 3, size: 32, mixed: true);
        using var model = SimSidModel.Create(BothMemories());
        Calibration.Calibrate(model, train);
        var c = model.Calibration!;

        var pixels = model.ScoreInDetail(test, ScoringMode.PatchMemory).AnomalyMaps;
        var features = model.ScoreInDetail(test, ScoringMode.FeatureMemory).AnomalyMaps;
        var both = model.ScoreInDetail(test, ScoringMode.Memories).AnomalyMaps;

        for (int i = 0; i < test.Count; i++)
        {
            var expected = pixels[i].Zip(features[i], (p, f) => (Standardised(p, c.PatchMemory!) + Standardised(f, c.FeatureMemory!)) / 2);
            Assert.Equal(expected, both[i].Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-3);
        }
    }

    [Theory]
    [InlineData(ScoringMode.Memories)]
    [InlineData(ScoringMode.FocalAndDiffuse)]
    public void ASavedModel_ScoresACombinationTheSameAfterLoading(ScoringMode combination)
    {
        var (train, _) = Phantoms.Set(seed: 35, count: 20, size: 32, mixed: false);
        var (test, _) = Phantoms.Set(seed: 36, count: 8, size: 32, mixed: true);
        using var model = SimSidModel.Create(For(combination));
        Calibration.Calibrate(model, train);
        var before = model.Score(test, combination);
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        using var loaded = SimSidModel.Load(stream);

        Assert.Equal(model.Calibration!.For(combination), loaded.Calibration!.For(combination));
        Assert.Equal(model.ThresholdFor(combination), loaded.ThresholdFor(combination));
        var after = loaded.Score(test, combination);
        Assert.Equal(before.Select(s => s.RawScore), after.Select(s => s.RawScore), (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public void WithoutTheFeatureMemory_BothMemoriesAreUnavailable_AndScoringInThatModeSaysWhy()
    {
        var (train, _) = Phantoms.Set(seed: 37, count: 8, size: 32, mixed: false);
        var options = BothMemories() with { Scoring = BothMemories().Scoring with { FeatureMemory = false } };
        using var model = SimSidModel.Create(options);
        Calibration.Calibrate(model, train);

        Assert.Contains(ScoringMode.PatchMemory, model.AvailableModes);
        Assert.DoesNotContain(ScoringMode.Memories, model.AvailableModes);
        Assert.DoesNotContain(ScoringMode.FocalAndDiffuse, model.AvailableModes);
        Assert.Null(model.Calibration!.Memories);
        Assert.Null(model.Calibration.FocalAndDiffuse);
        var error = Assert.Throws<InvalidOperationException>(() => model.Score([train[0]], ScoringMode.Memories));
        Assert.Contains("ScoringOptions.FeatureMemory is off", error.Message);

        var trainer = new SimSidTrainer(options with { Scoring = options.Scoring with { Mode = ScoringMode.Memories } });
        Assert.Contains("FeatureMemory is off", Assert.Throws<InvalidOperationException>(() => trainer.Fit(train)).Message);
    }

    [Fact]
    public void TheModesNames_RoundTrip_AndItIsAMemoryOfTwoParts()
    {
        Assert.Equal("memories", ScoringMode.Memories.ShortName());
        Assert.Equal(ScoringMode.Memories, ScoringModes.FromShortName(" Memories "));
        Assert.True(ScoringMode.Memories.IsMemory());
        Assert.Equal([ScoringMode.PatchMemory, ScoringMode.FeatureMemory], ScoringMode.Memories.MemoryParts());
        Assert.Equal([ScoringMode.FeatureMemory], ScoringMode.FeatureMemory.MemoryParts());
        Assert.Equal([ScoringMode.FeatureMemoryMean], ScoringMode.FeatureMemoryMean.MemoryParts());
        Assert.Equal(ScoringMode.FeatureMemoryMean, ScoringModes.FromShortName("feature-memory-mean"));
        Assert.Equal(ScoringMode.FocalAndDiffuse, ScoringModes.FromShortName("focal-and-diffuse"));
        Assert.Equal([ScoringMode.FeatureMemory, ScoringMode.Memories, ScoringMode.FeatureMemoryMean, ScoringMode.FocalAndDiffuse], ScoringModes.All.Where(m => m.UsesFeatureMemory()));
        Assert.Equal([ScoringMode.Memories, ScoringMode.FocalAndDiffuse], ScoringModes.All.Where(m => m.IsCombination()));
        Assert.Equal(DistanceSummary.Mean, ScoringMode.FeatureMemoryMean.Summary());
        Assert.Equal(DistanceSummary.MostUnusualPlace, ScoringMode.FeatureMemory.Summary());
        Assert.Throws<ArgumentException>(() => ScoringMode.Paper.MemoryParts());
        Assert.Equal(1, ScoringMode.Memories.AnomalySign());
    }
}
