using SimSid.Torch.Evaluation;
using SimSid.Torch.Persistence;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

/// <summary>
/// The network's modes compete with the memories' on AUCs not flattered by the epoch choice: the kept epoch is chosen on
/// one half of the validation images and measured on the other.
/// </summary>
public sealed class ValidationHalvesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-halves-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheHalves_HoldEveryOtherImageOfEachClass_AndMeasureEachModeOnTheirOwnImages()
    {
        // Normals 0, 2, 5, 6 and abnormals 1, 3, 4, 7: the first half holds 0, 5 and 1, 4; the second 2, 6 and 3, 7.
        bool[] abnormal = [false, true, false, true, true, false, false, true];
        double[] error = [0, 10, 5, 1, 20, 1, 7, 2];
        var halves = ValidationHalves.Of(abnormal)!;

        // The paper's raw score is a logit, lower for anomalies: its negation orders the images as the error does.
        var measured = halves.Measure(3, [ScoringMode.ReconstructionError, ScoringMode.Paper], [error, [.. error.Select(e => -e)]]);

        Assert.Equal(3, measured.Epoch);
        Assert.Equal(1.0, measured.First[ScoringMode.ReconstructionError]);
        Assert.Equal(0.0, measured.Second[ScoringMode.ReconstructionError]);
        Assert.Equal(1.0, measured.First[ScoringMode.Paper]);
        Assert.Equal(0.0, measured.Second[ScoringMode.Paper]);
    }

    [Fact]
    public void WithFewerThanTwoImagesOfAClass_ThereAreNoHalves()
    {
        Assert.Null(ValidationHalves.Of([false, false, false, true]));
        Assert.Null(ValidationHalves.Of([true, true, false]));
        Assert.NotNull(ValidationHalves.Of([true, true, false, false]));
    }

    [Fact]
    public void CrossFitting_MeasuresTheEpochEachHalfChoosesOnTheOtherHalf_AndAveragesTheTwo()
    {
        static EpochHalfAucs Epoch(int epoch, double paperFirst, double errorFirst, double paperSecond, double errorSecond) => new(epoch,
            new Dictionary<ScoringMode, double> { [ScoringMode.Paper] = paperFirst, [ScoringMode.ReconstructionError] = errorFirst },
            new Dictionary<ScoringMode, double> { [ScoringMode.Paper] = paperSecond, [ScoringMode.ReconstructionError] = errorSecond });
        EpochHalfAucs[] epochs =
        [
            Epoch(1, 0.60, 0.50, 0.55, 0.52),
            Epoch(2, 0.70, 0.40, 0.50, 0.45), // the first half's choice (its best mode's 0.70)
            Epoch(3, 0.50, 0.65, 0.58, 0.62), // the second half's (0.62)
            Epoch(4, 0.40, 0.70, 0.30, 0.35), // as good on the first half as epoch 2: the earlier stays chosen, as in training
        ];

        var crossFitted = ValidationHalves.CrossFitted(epochs);

        Assert.Equal((0.50 + 0.50) / 2, crossFitted[ScoringMode.Paper], 12);
        Assert.Equal((0.45 + 0.65) / 2, crossFitted[ScoringMode.ReconstructionError], 12);
    }

    [Theory]
    [InlineData(true, 3, true)]
    [InlineData(false, 3, false)]
    [InlineData(true, 1, false)] // one epoch validated: kept without a choice among epochs
    public void ARunChoosingItsMode_GivesTheNetworkModesTheirCrossFittedAucs_WhenItKeepsTheBestOfSeveralEpochs(bool keepBestEpoch, int epochs, bool crossFitted)
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 24, size: 32, mixed: false);
        var (validation, labels) = Phantoms.Set(seed: 4, count: 24, size: 32, mixed: true);
        var tiny = TinyTraining.Options(epochs, seed: 3);
        var options = tiny with
        {
            Training = tiny.Training with { KeepBestValidationEpoch = keepBestEpoch },
            Scoring = tiny.Scoring with { ChooseModeOnValidation = true },
        };
        string checkpoint = Path.Combine(folder, $"run-{keepBestEpoch}-{epochs}.simsid");
        var recorder = new ProgressRecorder();

        using var model = new SimSidTrainer(options) { Progress = recorder, CheckpointPath = checkpoint }.Fit(train, new LabeledImages(validation, labels));

        var aucs = model.ValidationAucs!;
        var chosen = Assert.Single(recorder.Reports, r => r.Phase == TrainingPhase.ModeChosen);
        Assert.Equal(crossFitted, chosen.NetworkAucsCrossFitted);
        Assert.Equal(crossFitted, model.CrossFittedNetworkAucs);
        Assert.Equal(aucs.MaxBy(a => a.Value).Key, model.Options.Scoring.Mode);
        // The memories' AUCs, which no epoch changes, are measured on every validation image.
        foreach (var mode in aucs.Keys.Where(m => m.IsMemory()))
            Assert.Equal(RocCurve.Compute([.. model.Score(validation, mode).Select(s => s.Score)], labels).Auc, aucs[mode], 9);
        // The checkpoint keeps every epoch's halves, so a resumed run can cross-fit too.
        using var stream = File.OpenRead(checkpoint);
        var (saved, snapshot) = ModelFile.Read(stream, checkpoint);
        using (saved)
        {
            Assert.Equal(crossFitted, saved.CrossFittedNetworkAucs);
            Assert.Equal(aucs, saved.ValidationAucs);
        }
        Assert.Equal(keepBestEpoch ? Enumerable.Range(1, epochs) : [], snapshot!.ValidationHalfAucs!.Select(e => e.Epoch));
        Assert.All(snapshot.ValidationHalfAucs!, e => Assert.Equal(ScoringModes.Network, e.First.Keys.Order()));
        if (crossFitted)
        {
            var expected = ValidationHalves.CrossFitted(snapshot.ValidationHalfAucs!);
            foreach (var mode in ScoringModes.Network) Assert.Equal(expected[mode], aucs[mode], 12);
        }
        else
        {
            // The epoch kept was not chosen among several: its AUCs are measured on every validation image.
            foreach (var mode in ScoringModes.Network)
                Assert.Equal(RocCurve.Compute([.. model.Score(validation, mode).Select(s => s.Score)], labels).Auc, aucs[mode], 9);
        }
    }

    [Fact]
    public void AResumedRun_KeepsTheHalvesOfTheEpochsBeforeItsInterruption_AndCrossFitsAsAnUninterruptedRun()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 24, size: 32, mixed: false);
        var (images, labels) = Phantoms.Set(seed: 4, count: 24, size: 32, mixed: true);
        var validation = new LabeledImages(images, labels);
        var tiny = TinyTraining.Options(epochs: 4, seed: 11);
        var options = tiny with { Scoring = tiny.Scoring with { ChooseModeOnValidation = true } };
        using var uninterrupted = new SimSidTrainer(options).Fit(train, validation);

        string checkpoint = Path.Combine(folder, "interrupted.simsid");
        using var cancel = new CancellationTokenSource();
        var interrupted = new SimSidTrainer(options) { CheckpointPath = checkpoint, Progress = new CancelInEpoch(cancel, epoch: 3) };
        Assert.ThrowsAny<OperationCanceledException>(() => interrupted.Fit(train, validation, cancel.Token));
        using var resumed = new SimSidTrainer(options) { CheckpointPath = checkpoint }.Resume(checkpoint, train, validation);

        using var stream = File.OpenRead(checkpoint);
        var (saved, snapshot) = ModelFile.Read(stream, checkpoint);
        saved.Dispose();
        Assert.Equal([1, 2, 3, 4], snapshot!.ValidationHalfAucs!.Select(e => e.Epoch));
        Assert.True(resumed.CrossFittedNetworkAucs);
        // The resumed weights are the uninterrupted run's to float rounding (ResumeTests), and so are the validation AUCs, up to a
        // pair of nearly equal scores changing places (1/36 of a half's AUC, half that in the mean of the two halves).
        foreach (var mode in ScoringModes.Network) Assert.Equal(uninterrupted.ValidationAucs![mode], resumed.ValidationAucs![mode], 0.05);
    }

    private sealed class CancelInEpoch(CancellationTokenSource cancel, int epoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Step && value.Epoch == epoch) cancel.Cancel();
        }
    }
}
