using SimSid.Torch.Evaluation;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

/// <summary>Training remembers the training images for the patch-memory score; models save and load it.</summary>
public sealed class PatchMemoryTrainingTests
{
    private static SimSidOptions Tiny(int epochs) => TinyTraining.Options(epochs, seed: 3);

    [Fact]
    public void ATrainedModel_RemembersItsTrainingImages_AndThePatchMemoryScoresBlobsAboveAnatomy()
    {
        var train = Phantoms.EightBit(Phantoms.Set(seed: 1, count: 48, size: 32, mixed: false).Images);
        var (test, labels) = Phantoms.Set(seed: 2, count: 40, size: 32, mixed: true);

        using var model = new SimSidTrainer(Tiny(epochs: 1)).Fit(train);

        Assert.Equal(48, model.PatchMemory!.Count);
        // A remembered image finds every one of its patches in the memory.
        Assert.Equal(0, model.Score([train[5]], ScoringMode.PatchMemory)[0].RawScore, 3);
        // The memory needs no training: a blob is far from every normal patch of its place whatever the network learned.
        var scores = model.Score(test, ScoringMode.PatchMemory);
        Assert.True(RocCurve.Compute(scores.Select(s => s.Score).ToList(), labels).Auc > 0.95);
        // Calibrated on the remembered images scored against the others, not against themselves.
        var statistics = model.Calibration!.PatchMemory!;
        Assert.True(statistics.Mean > 0.01 && statistics.Std > 0, $"patch-memory calibration {statistics}");
        Assert.Equal(ThresholdMethod.NormalScoreQuantile, model.ThresholdFor(ScoringMode.PatchMemory)!.Method);
        Assert.All(scores, s => Assert.Equal(s.Score >= model.ThresholdFor(ScoringMode.PatchMemory)!.Threshold, s.IsAnomalous));
    }

    [Fact]
    public void ThePatchMemory_HoldsAtMostItsCapacity_EvenlySpacedThroughTheTrainingSet()
    {
        var train = Phantoms.EightBit(Phantoms.Set(seed: 1, count: 30, size: 32, mixed: false).Images);
        var options = Tiny(epochs: 1) with { Scoring = SimSidPresets.Tiny.Scoring with { PatchMemoryImages = 10 } };

        using var model = new SimSidTrainer(options).Fit(train);

        Assert.Equal(10, model.PatchMemory!.Count);
        Assert.Equal(0, model.Score([train[27]], ScoringMode.PatchMemory)[0].RawScore, 3); // images 0, 3, ..., 27 are kept
        Assert.True(model.Score([train[28]], ScoringMode.PatchMemory)[0].RawScore > 0.01);
    }

    [Fact]
    public void ChoosingTheModeOnValidation_ScoresWithTheModeOfTheBestValidationAuc()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 24, size: 32, mixed: false);
        var (validation, labels) = Phantoms.Set(seed: 4, count: 16, size: 32, mixed: true);
        var options = Tiny(epochs: 2) with { Scoring = SimSidPresets.Tiny.Scoring with { ChooseModeOnValidation = true } };
        var recorder = new ProgressRecorder();

        using var model = new SimSidTrainer(options) { Progress = recorder }.Fit(train, new LabeledImages(validation, labels));

        var aucs = model.ValidationAucs!;
        Assert.Equal(model.AvailableModes, aucs.Keys.Order()); // every mode but the feature memory, off in the tiny preset
        var best = aucs.MaxBy(a => a.Value).Key;
        Assert.Equal(best, model.Options.Scoring.Mode);
        // A memory's stored AUC is the one its scores give on the validation images; the network's are cross-fitted (ValidationHalvesTests).
        foreach (var mode in aucs.Keys.Where(m => m.IsMemory()))
            Assert.Equal(aucs[mode], RocCurve.Compute(model.Score(validation, mode).Select(s => s.Score).ToList(), labels).Auc, 6);
        var chosen = Assert.Single(recorder.Reports, r => r.Phase == TrainingPhase.ModeChosen);
        Assert.True(chosen.NetworkAucsCrossFitted);
        Assert.Equal(best, chosen.ScoringMode);
        // Just before the choice, the report that every mode is being measured: no feature memory to describe here.
        var measuring = recorder.Reports[recorder.Reports.IndexOf(chosen) - 1];
        Assert.Equal((TrainingPhase.ValidatingEveryMode, 16), (measuring.Phase, measuring.ValidationImages));
        Assert.DoesNotContain(recorder.Reports, r => r.Phase == TrainingPhase.DescribingRememberedImages);
        Assert.Equal(TrainingPhase.Calibration, recorder.Reports[^1].Phase);
        // Sixteen validation images are too few to choose on reliably, and the model says so (unless the choice separates them perfectly).
        var counts = new ValidationCounts(labels.Count(l => !l), labels.Count(l => l));
        Assert.Equal(counts, model.ValidationCounts);
        if (AucUncertainty.StandardError(aucs[best], counts.Abnormal, counts.Normal) > ScoringModes.UncertainChoiceStandardError)
            Assert.Contains($"chosen on {counts.Normal} normal and {counts.Abnormal} abnormal validation images, too few", model.UncertainChoiceWarning);
        else Assert.Null(model.UncertainChoiceWarning);
        // Each epoch's validation covers every network mode.
        Assert.All(recorder.Reports.Where(r => r.Phase == TrainingPhase.Validation), r => Assert.Equal(ScoringModes.Network, r.ValidationAucs!.Keys.Order()));
    }

    [Fact]
    public void WithoutAValidationSet_TheModeIsTheOptionsOwn_AndNoValidationAucIsStored()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 16, size: 32, mixed: false);
        var options = Tiny(epochs: 1) with { Scoring = SimSidPresets.Tiny.Scoring with { ChooseModeOnValidation = true } };

        using var model = new SimSidTrainer(options).Fit(train);

        Assert.Equal(ScoringMode.Paper, model.Options.Scoring.Mode);
        Assert.Null(model.ValidationAucs);
    }

    [Fact]
    public void SavingAndLoading_KeepsThePatchMemoryExactly_AndTheValidationAucs()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 16, size: 32, mixed: false);
        var (validation, labels) = Phantoms.Set(seed: 4, count: 12, size: 32, mixed: true);
        using var model = new SimSidTrainer(Tiny(epochs: 1)).Fit(train, new LabeledImages(validation, labels));
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        using var loaded = SimSidModel.Load(stream);

        Assert.Equal(model.PatchMemory!.Count, loaded.PatchMemory!.Count);
        Assert.Equal(model.Score(validation, ScoringMode.PatchMemory), loaded.Score(validation, ScoringMode.PatchMemory));
        Assert.Equal(model.ValidationAucs, loaded.ValidationAucs);
        Assert.Equal(new ValidationCounts(labels.Count(l => !l), labels.Count(l => l)), loaded.ValidationCounts);
        Assert.Equal(model.Calibration, loaded.Calibration);
    }

    [Fact]
    public void AModelSavedWithoutAPatchMemory_ScoresInTheOtherModes_AndSaysWhyNotInThisOne()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 16, size: 32, mixed: false);
        using var model = new SimSidTrainer(Tiny(epochs: 1)).Fit(train);
        // As a file written before the patch memory existed: no memory, no calibration of it.
        model.PatchMemory!.Dispose();
        model.PatchMemory = null;
        model.Calibration = model.Calibration! with { PatchMemory = null };
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        using var loaded = SimSidModel.Load(stream);

        Assert.Null(loaded.PatchMemory);
        Assert.False(loaded.Calibration!.Supports(ScoringMode.PatchMemory));
        Assert.Equal(16, loaded.Score(train).Length);
        var error = Assert.Throws<InvalidOperationException>(() => loaded.Score(train, ScoringMode.PatchMemory));
        Assert.Contains("This model holds no patch memory (it was saved before the patch-memory score existed)", error.Message);
    }
}
