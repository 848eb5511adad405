using SimSid.Torch.Persistence;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

/// <summary>The trainer composes the paper's training set from labelled images by Training.PositiveRatio.</summary>
public sealed class ContaminatedTrainingTests
{
    private static SimSidOptions Tiny(double positiveRatio) => SimSidPresets.Tiny with
    {
        Seed = 9,
        Training = SimSidPresets.Tiny.Training with { Epochs = 1, PositiveRatio = positiveRatio },
    };

    /// <summary>8 normal and 4 abnormal phantoms, labelled, in an order that mixes them.</summary>
    private static LabeledImages Labelled()
    {
        var (normals, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        var abnormals = Phantoms.Set(seed: 2, count: 8, size: 32, mixed: true).Images.Where((_, i) => i % 2 == 1).ToList();
        bool[] isAbnormal = [false, true, false, false, true, false, false, true, false, true, false, false];
        int n = 0, a = 0;
        return new LabeledImages(isAbnormal.Select(abnormal => abnormal ? abnormals[a++] : normals[n++]).ToList(), isAbnormal);
    }

    /// <summary>The saved bytes of every weight and buffer of the generator and the discriminator.</summary>
    private static byte[] Weights(SimSidModel model) =>
        [.. ModelFile.ModuleBytes(model.Generator), .. ModelFile.ModuleBytes(model.Discriminator)];

    [Theory]
    [InlineData(0.75, new[] { 0, 2, 3, 5, 6, 8, 1, 4 })] // floor(8 * 0.75) = 6 normals, then the first 2 abnormals
    [InlineData(1.0, new[] { 0, 2, 3, 5, 6, 8, 10, 11 })] // the normals alone
    public void Fit_WithLabels_TrainsOnTheSetThePositiveRatioComposes(double ratio, int[] expectedPositions)
    {
        var labelled = Labelled();
        var expected = expectedPositions.Select(i => labelled.Images[i]).ToList();

        using var fromLabels = new SimSidTrainer(Tiny(ratio)).Fit(labelled);
        using var fromTheSet = new SimSidTrainer(Tiny(ratio)).Fit(expected);

        Assert.Equal(Weights(fromTheSet), Weights(fromLabels));
        Assert.Equal(8, fromLabels.Calibration!.ImageCount);
        Assert.Equal(fromTheSet.Calibration, fromLabels.Calibration);
    }

    [Fact]
    public void Fit_WithFewerAbnormalImagesThanTheRatioNeeds_FailsBeforeTraining()
    {
        var recorder = new ProgressRecorder();
        var trainer = new SimSidTrainer(Tiny(0.4)) { Progress = recorder };

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(Labelled()));

        Assert.Contains("A positive ratio of 0.4 with 8 normal training images needs 5 abnormal training images, but only 4 are given.", error.Message);
        Assert.Empty(recorder.Reports);
    }
}
