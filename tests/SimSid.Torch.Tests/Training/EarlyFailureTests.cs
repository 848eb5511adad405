using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

/// <summary>Inputs that cannot finish a run fail before its first step, saying what to do.</summary>
public sealed class EarlyFailureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-early-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly SimSidOptions Tiny = TinyTraining.Options(epochs: 2, seed: 2);

    [Fact]
    public void OneTrainingImage_FailsBeforeTheFirstStep()
    {
        var (images, labels) = Phantoms.Set(seed: 1, count: 2, size: 32, mixed: true);
        var recorder = new ProgressRecorder();
        var trainer = new SimSidTrainer(Tiny) { Progress = recorder };

        var alone = Assert.Throws<ArgumentException>(() => trainer.Fit(images.Take(1).ToList()));
        // One normal and one abnormal image: at PositiveRatio 1 the composed set holds the normal one alone.
        var composed = Assert.Throws<ArgumentException>(() => trainer.Fit(new LabeledImages(images, labels)));

        Assert.Empty(recorder.Reports);
        foreach (var error in new[] { alone, composed })
        {
            Assert.Contains("The training set has 1 image, but at least 2 are needed", error.Message);
            Assert.Contains("Give more normal training images.", error.Message);
        }
    }

    [Theory]
    [InlineData(false, "The validation set has only normal images (4)", "Add abnormal images to it")]
    [InlineData(true, "The validation set has only abnormal images (4)", "Add normal images to it")]
    public void ValidationSetOfOneClass_FailsBeforeTheFirstStep(bool abnormal, string problem, string remedy)
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        var (validation, _) = Phantoms.Set(seed: 3, count: 4, size: 32, mixed: false);
        var recorder = new ProgressRecorder();
        var trainer = new SimSidTrainer(Tiny) { Progress = recorder };

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(train, new LabeledImages(validation, Enumerable.Repeat(abnormal, 4).ToList())));

        Assert.Empty(recorder.Reports);
        Assert.Contains(problem, error.Message);
        Assert.Contains("the validation AUC needs both normal and abnormal images", error.Message);
        Assert.Contains(remedy + ", or train without a validation set.", error.Message);
    }

    [Fact]
    public void EmptyValidationSet_FailsBeforeTheFirstStep()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        var recorder = new ProgressRecorder();
        var trainer = new SimSidTrainer(Tiny) { Progress = recorder };

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(train, new LabeledImages([], [])));

        Assert.Empty(recorder.Reports);
        Assert.Contains("The validation set is empty: give normal and abnormal validation images, or train without a validation set.", error.Message);
    }

    [Fact]
    public void CheckpointPathThatIsAFolder_FailsBeforeTheFirstStep()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        var recorder = new ProgressRecorder();
        var trainer = new SimSidTrainer(Tiny) { Progress = recorder, CheckpointPath = folder };

        var error = Record.Exception(() => trainer.Fit(train));

        Assert.Empty(recorder.Reports);
        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains($"The checkpoint path \"{folder}\" is a folder: give a file path, such as \"{Path.Combine(folder, "checkpoint.simsid")}\".", error.Message);
    }

    [Fact]
    public void Resume_ChecksTheSameInputsBeforeReadingTheCheckpoint()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 8, size: 32, mixed: false);
        string missing = Path.Combine(folder, "no-such-checkpoint.simsid");

        var error = Assert.Throws<ArgumentException>(() => new SimSidTrainer(Tiny).Resume(missing, train.Take(1).ToList()));

        Assert.Contains("The training set has 1 image, but at least 2 are needed", error.Message);
    }
}
