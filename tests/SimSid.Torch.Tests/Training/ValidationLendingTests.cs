using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

/// <summary>Which training images a small validation split is lent, shared by the simsid tool and the ML.NET estimator.</summary>
public sealed class ValidationLendingTests
{
    [Fact]
    public void EachClassIsBroughtUpToAHundred_WithAtMostATenthOfTheNormalImages_EvenlySpaced()
    {
        var (normal, abnormal) = ValidationLending.Choose(1, trainingNormal: 1341, trainingAbnormal: 3875, validationNormal: 8, validationAbnormal: 8);

        Assert.Equal(92, normal.Length);
        Assert.Equal(92, abnormal.Length);
        Assert.Equal(EvenlySpaced.Indices(1341, 92).Select(i => (int)i), normal);
        Assert.Equal(EvenlySpaced.Indices(3875, 92).Select(i => (int)i), abnormal);

        // An empty split takes a tenth of 500 normal images (50, not 100) and every one of 30 abnormal ones.
        var (fromEmpty, allAbnormal) = ValidationLending.Choose(1, 500, 30, 0, 0);
        Assert.Equal(50, fromEmpty.Length);
        Assert.Equal(Enumerable.Range(0, 30), allAbnormal);
        // Two normal images always stay for training; a split with normal images of its own still takes the abnormal ones.
        var (kept, onlyAbnormal) = ValidationLending.Choose(1, 2, 5, 3, 0);
        Assert.Empty(kept);
        Assert.Equal(Enumerable.Range(0, 5), onlyAbnormal);
        Assert.Equal([0], ValidationLending.Choose(1, 10, 5, 0, 0).Normal);
    }

    [Theory]
    [InlineData(0.9, 1000, 50, 8, 8)]    // abnormal images train at a positive ratio below 1
    [InlineData(1.0, 1000, 0, 8, 8)]     // no abnormal training image to lend
    [InlineData(1.0, 1000, 50, 100, 120)] // the split already holds enough of each class
    [InlineData(1.0, 9, 50, 0, 0)]        // a tenth of 9 normal images is none: the split would hold abnormal images only
    public void NothingIsLent_WhenTrainingUsesTheAbnormalImages_OrThereAreNone_OrTheSplitIsLargeEnough_OrWouldLackAClass(
        double positiveRatio, int trainingNormal, int trainingAbnormal, int validationNormal, int validationAbnormal)
    {
        var (normal, abnormal) = ValidationLending.Choose(positiveRatio, trainingNormal, trainingAbnormal, validationNormal, validationAbnormal);

        Assert.Empty(normal);
        Assert.Empty(abnormal);
    }
}
