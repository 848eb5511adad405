using SimSid.Torch.Evaluation;
using SimSid.Torch.Pretrained;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Pretrained;

/// <summary>The feature-memory score: pretrained features of the remembered training images, calibrated, saved and loaded.</summary>
public sealed class FeatureMemoryTests
{
    private static SimSidOptions WithFeatureMemory(SimSidOptions options, ScoringMode? mode = null) => options with
    {
        Scoring = options.Scoring with { FeatureMemory = true, Mode = mode ?? options.Scoring.Mode },
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ACalibratedModel_RemembersFeatures_AndScoresBlobsAboveAnatomy(int seed)
    {
        var train = Phantoms.EightBit(Phantoms.Set(seed: 10 + seed, count: 40, size: 32, mixed: false).Images);
        var (test, labels) = Phantoms.Set(seed: 20 + seed, count: 40, size: 32, mixed: true);
        using var model = SimSidModel.Create(WithFeatureMemory(TinyTraining.Options(epochs: 1, seed: seed)));

        // No training: the memory holds features of a fixed ImageNet network, so the score needs none.
        Calibration.Calibrate(model, train);

        Assert.Contains(ScoringMode.FeatureMemory, model.AvailableModes);
        var memory = model.FeatureMemory!;
        Assert.Equal((40, 32), (memory.Count, memory.GridSize));
        var statistics = model.Calibration!.FeatureMemory!;
        Assert.True(statistics.Mean > 0.1 && statistics.Std > 0, $"feature-memory calibration {statistics}");
        // A remembered image finds its own features (up to the rounding of |q|² - 2 q.p + |p|²), far nearer than another image's.
        Assert.True(model.Score([train[7]], ScoringMode.FeatureMemory)[0].RawScore < 0.2 * statistics.Mean);
        var scores = model.Score(test, ScoringMode.FeatureMemory);
        double auc = RocCurve.Compute(scores.Select(s => s.Score).ToList(), labels).Auc;
        Assert.True(auc > 0.9, $"feature-memory AUC {auc:F3}");
        Assert.All(scores, s => Assert.Equal(s.Score >= model.ThresholdFor(ScoringMode.FeatureMemory)!.Threshold, s.IsAnomalous));
        // Its anomaly maps are its own distances, spread over the image.
        var detail = model.ScoreInDetail(test.Take(2).ToList(), ScoringMode.FeatureMemory);
        Assert.Equal(32 * 32, detail.AnomalyMaps[0].Length);
        Assert.True(detail.AnomalyMaps[0].Max() > 0);
    }

    [Fact]
    public void Training_SaysOnceHowManyRememberedImagesTheFeatureMemoryDescribes_BeforeItsFirstUse()
    {
        var train = Phantoms.EightBit(Phantoms.Set(seed: 11, count: 24, size: 32, mixed: false).Images);
        var (validation, labels) = Phantoms.Set(seed: 21, count: 12, size: 32, mixed: true);
        var recorder = new ProgressRecorder();
        string checkpoint = Path.Combine(Path.GetTempPath(), $"simsid-describe-{Guid.NewGuid():N}.simsid");
        try
        {
            // Two epochs and a checkpoint after the first: its calibration is the memory's first use.
            using var model = new SimSidTrainer(WithFeatureMemory(TinyTraining.Options(epochs: 2, seed: 1))) { Progress = recorder, CheckpointPath = checkpoint }
                .Fit(train, new LabeledImages(validation, labels));

            var describing = Assert.Single(recorder.Reports, r => r.Phase == TrainingPhase.DescribingRememberedImages);
            Assert.Equal((1, 24), (describing.Epoch, describing.ImagesToDescribe));
            int first = recorder.Reports.IndexOf(describing);
            Assert.Equal(TrainingPhase.Validation, recorder.Reports[first - 1].Phase);
            Assert.Equal(TrainingPhase.Checkpoint, recorder.Reports[first + 1].Phase);
            var measuring = Assert.Single(recorder.Reports, r => r.Phase == TrainingPhase.ValidatingEveryMode);
            Assert.Equal(12, measuring.ValidationImages);
            Assert.Equal(24, model.FeatureMemory!.Count);
            Assert.Equal(0, model.ImagesToDescribe(ScoringModes.All)); // described once, then kept
        }
        finally
        {
            File.Delete(checkpoint);
        }
    }

    [Fact]
    public void ASavedModel_ScoresTheSameAfterLoading_ItsFeaturesRebuiltFromTheStoredImages_MatchedAsItsOptionsSay()
    {
        var (train, _) = Phantoms.Set(seed: 5, count: 24, size: 32, mixed: false);
        var (test, _) = Phantoms.Set(seed: 6, count: 8, size: 32, mixed: true);
        var options = WithFeatureMemory(TinyTraining.Options(epochs: 1, seed: 1));
        var matching = new PlaceMatching(SearchRadius: 1, Border: 3, Graded: true);
        options = options with { Scoring = options.Scoring with { MemorySearchRadius = matching.SearchRadius, MemoryBorder = matching.Border, GradedPlaceMatching = matching.Graded } };
        using var model = SimSidModel.Create(options);
        Calibration.Calibrate(model, train);
        Assert.Equal(matching, model.PatchMemory!.Matching);
        Assert.Equal(matching, model.FeatureMemory!.Matching);
        var before = model.Score(test, ScoringMode.FeatureMemory);
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        using var loaded = SimSidModel.Load(stream);

        // A model file keeps the remembered images, not their features: the first feature-memory score describes them again.
        Assert.Equal(0, loaded.ImagesToDescribe([ScoringMode.Paper, ScoringMode.PatchMemory]));
        Assert.Equal(24, loaded.ImagesToDescribe([ScoringMode.Paper, ScoringMode.FeatureMemory]));
        var after = loaded.Score(test, ScoringMode.FeatureMemory);
        Assert.Equal(0, loaded.ImagesToDescribe([ScoringMode.FeatureMemory]));
        Assert.Equal(matching, loaded.FeatureMemory!.Matching);
        Assert.Equal(before.Select(s => s.RawScore), after.Select(s => s.RawScore), (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(before.Select(s => s.IsAnomalous), after.Select(s => s.IsAnomalous));
    }

    [Fact]
    public void WithoutThePretrainedWeights_TheModeIsUnavailable_AndTrainingForItFailsBeforeTheFirstStep()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        string missing = Path.Combine(Path.GetTempPath(), $"simsid-missing-{Guid.NewGuid():N}.onnx");
        string? previous = Environment.GetEnvironmentVariable(PretrainedResNet18.WeightsVariable);
        Environment.SetEnvironmentVariable(PretrainedResNet18.WeightsVariable, missing);
        try
        {
            using var model = SimSidModel.Create(WithFeatureMemory(TinyTraining.Options(epochs: 1, seed: 1)));
            Calibration.Calibrate(model, train);
            Assert.DoesNotContain(ScoringMode.FeatureMemory, model.AvailableModes);
            Assert.Null(model.Calibration!.FeatureMemory);
            var scoring = Assert.Throws<InvalidOperationException>(() => model.Score([train[0]], ScoringMode.FeatureMemory));
            Assert.Contains(missing, scoring.Message);

            var recorder = new ProgressRecorder();
            var trainer = new SimSidTrainer(WithFeatureMemory(TinyTraining.Options(epochs: 1, seed: 1), ScoringMode.FeatureMemory)) { Progress = recorder };
            var training = Assert.Throws<InvalidOperationException>(() => trainer.Fit(train));
            Assert.Contains(missing, training.Message);
            Assert.Contains(PretrainedResNet18.WeightsVariable, training.Message);
            Assert.Empty(recorder.Reports);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PretrainedResNet18.WeightsVariable, previous);
        }
    }

    [Theory]
    [InlineData(ResNetStage.Second)]
    [InlineData(ResNetStage.Third)]
    public void TheMeanMode_AveragesItsMemorysDistancesOverTheScoredPlaces_IsCalibratedOnTheRememberedImages_AndSurvivesSaving(ResNetStage stage)
    {
        var train = Phantoms.EightBit(Phantoms.Set(seed: 31, count: 30, size: 32, mixed: false).Images);
        var (test, _) = Phantoms.Set(seed: 32, count: 6, size: 32, mixed: true);
        var options = WithFeatureMemory(TinyTraining.Options(epochs: 1, seed: 1));
        using var model = SimSidModel.Create(options with { Scoring = options.Scoring with { FeatureMemoryMeanStage = stage } });
        Calibration.Calibrate(model, train);

        Assert.Contains(ScoringMode.FeatureMemoryMean, model.AvailableModes);
        Assert.NotNull(model.ThresholdFor(ScoringMode.FeatureMemoryMean));
        // The second stage's mean reads the feature memory itself; the third stage's a memory of its own, of the same images.
        var memory = model.MeanFeatureMemory!;
        Assert.Equal(stage == ResNetStage.Second, ReferenceEquals(memory, model.FeatureMemory));
        Assert.Equal(stage, Assert.IsType<PretrainedFeatures>(memory.Descriptors).Stage);
        Assert.Equal((model.FeatureMemory!.Count, stage == ResNetStage.Second ? 32 : 16), (memory.Count, memory.GridSize));
        Assert.True(memory.Images.eq(model.FeatureMemory.Images).all().item<bool>());
        Assert.Equal(stage == ResNetStage.Second ? [ScoringMode.FeatureMemory, ScoringMode.FeatureMemoryMean] : [ScoringMode.FeatureMemoryMean],
            model.SameMemory(ScoringMode.FeatureMemoryMean));
        double[] expectedMean = ScoredPlaces(memory, test, scored => scored.mean([1L, 2L]));
        double[] expectedMost = ScoredPlaces(model.FeatureMemory, test, scored => scored.amax([1L, 2L]));

        var alone = model.Score(test, ScoringMode.FeatureMemoryMean);
        var together = model.ScoreEach(test, [ScoringMode.FeatureMemory, ScoringMode.FeatureMemoryMean]);

        Assert.Equal(expectedMean, alone.Select(s => s.RawScore), (a, b) => Math.Abs(a - b) < 1e-5 * Math.Max(1, Math.Abs(a)));
        Assert.Equal(expectedMost, together[ScoringMode.FeatureMemory].Select(s => s.RawScore), (a, b) => Math.Abs(a - b) < 1e-5 * Math.Max(1, Math.Abs(a)));
        // Scored together (one pass of distances for both summaries when they share a memory), each is as it is alone.
        Assert.Equal(alone.Select(s => s.RawScore), together[ScoringMode.FeatureMemoryMean].Select(s => s.RawScore));
        // Calibrated like the feature memory: each remembered image's mean distance to the others.
        var remembered = memory.RememberedRawScores(train.Count, 16, DistanceSummary.Mean);
        Assert.Equal(LogitStatistics.Of([.. remembered]), model.Calibration!.FeatureMemoryMean);
        if (stage == ResNetStage.Second)
        {
            Assert.All(Enumerable.Range(0, test.Count), i => Assert.True(expectedMean[i] < expectedMost[i]));
            Assert.True(model.Calibration.FeatureMemoryMean!.Mean < model.Calibration.FeatureMemory!.Mean);
        }

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        using var loaded = SimSidModel.Load(stream);
        Assert.Equal(stage, loaded.Options.Scoring.FeatureMemoryMeanStage);
        Assert.Equal(model.Calibration.FeatureMemoryMean, loaded.Calibration!.FeatureMemoryMean);
        Assert.Equal(alone.Select(s => s.RawScore), loaded.Score(test, ScoringMode.FeatureMemoryMean).Select(s => s.RawScore), (a, b) => Math.Abs(a - b) < 1e-4);
    }

    /// <summary>A summary of each image's distances to <paramref name="memory"/> over the places it scores (inside its border).</summary>
    private static double[] ScoredPlaces(PatchMemory memory, IReadOnlyList<float[]> images, Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> summary)
    {
        int border = memory.Matching.Border, inner = memory.GridSize - 2 * border;
        using var maps = memory.DistanceMaps(ImageTensors.FromPixels(images, memory.ImageSize));
        using var scored = maps.narrow(1, border, inner).narrow(2, border, inner);
        using var summed = summary(scored);
        return [.. summed.data<float>().ToArray().Select(v => (double)v)];
    }
}
