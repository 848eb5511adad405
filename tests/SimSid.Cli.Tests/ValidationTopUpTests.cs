using SimSid.Data.Datasets;

namespace SimSid.Cli.Tests;

/// <summary>Topping up a validation split too small to choose a score on, from training images training does without.</summary>
public sealed class ValidationTopUpTests
{
    private static List<RadiographRecord> Records(string split, int count, bool abnormal) =>
        [.. Enumerable.Range(0, count).Select(i => new RadiographRecord($"{split}/{(abnormal ? "PNEUMONIA" : "NORMAL")}/{i:D4}.jpeg", abnormal))];

    private static RadiographDataset Dataset(int trainNormal, int trainAbnormal, int validationNormal, int validationAbnormal) => new(
        "root", DatasetLayout.ZhangLab, Records("train", trainNormal, false), Records("train", trainAbnormal, true),
        [.. Records("val", validationNormal, false), .. Records("val", validationAbnormal, true)],
        [.. Records("test", 5, false), .. Records("test", 7, true)]);

    [Fact]
    public void TheZhangLabLayoutsEightAndEight_AreBroughtUpToAHundredEach_FromTrainingImages()
    {
        var dataset = Dataset(1341, 3875, 8, 8);

        var lent = ValidationTopUp.Apply(dataset, positiveRatio: 1);

        Assert.Equal((92, 92, 8, 8), (lent.Normal, lent.Abnormal, lent.ValidationNormal, lent.ValidationAbnormal));
        var validation = lent.Dataset.Validation;
        Assert.Equal(100, validation.Count(r => !r.IsAbnormal));
        Assert.Equal(100, validation.Count(r => r.IsAbnormal));
        // Normal images first, the split's own before the lent ones; every image once.
        Assert.Equal(Enumerable.Repeat(false, 100).Concat(Enumerable.Repeat(true, 100)), validation.Select(r => r.IsAbnormal));
        Assert.Equal(dataset.Validation.Where(r => !r.IsAbnormal), validation.Take(8));
        Assert.Equal(200, validation.Select(r => r.Path).Distinct().Count());
        // The lent normal images leave the training set, which keeps the rest in order; the lent abnormal ones were never in it.
        Assert.Equal(1341 - 92, lent.Dataset.TrainNormal.Count);
        Assert.Empty(lent.Dataset.TrainNormal.Intersect(validation));
        Assert.Equal(dataset.TrainNormal.Except(validation), lent.Dataset.TrainNormal);
        Assert.Equal(dataset.TrainAbnormal, lent.Dataset.TrainAbnormal);
        Assert.Same(dataset.Test, lent.Dataset.Test);
        // Evenly spaced through each list, the first included, so the same data split the same way every time.
        var lentNormal = validation.Skip(8).Take(92).ToList();
        Assert.Same(dataset.TrainNormal[0], lentNormal[0]);
        Assert.Same(dataset.TrainNormal[(int)Math.Floor(91 * 1341 / 92.0)], lentNormal[^1]);
        Assert.Equal(lentNormal, ValidationTopUp.Apply(dataset, 1).Dataset.Validation.Skip(8).Take(92));
        Assert.Contains("8 normal and 8 abnormal images", lent.Describe());
        Assert.Contains("validates on 100 + 100", lent.Describe());
    }

    [Fact]
    public void AtMostATenthOfTheNormalTrainingImages_IsLent_AndTwoAlwaysStay_AndASplitThatWouldLackAClassIsLentNothing()
    {
        var few = ValidationTopUp.Apply(Dataset(300, 500, 8, 8), 1);
        Assert.Equal((30, 92), (few.Normal, few.Abnormal));
        Assert.Equal(270, few.Dataset.TrainNormal.Count);

        // Three normal training images spare none: a split of its own normal images takes the abnormal ones...
        var tiny = ValidationTopUp.Apply(Dataset(3, 5, 2, 0), 1);
        Assert.Equal((0, 5), (tiny.Normal, tiny.Abnormal));
        Assert.Equal(3, tiny.Dataset.TrainNormal.Count);
        // ...and an empty split is lent nothing, since it would hold abnormal images only.
        var empty = ValidationTopUp.Apply(Dataset(3, 5, 0, 0), 1);
        Assert.Equal((0, 0), (empty.Normal, empty.Abnormal));
        Assert.Empty(empty.Dataset.Validation);
    }

    [Fact]
    public void ADatasetWithoutAValidationSplit_GetsOneFromItsTrainingImages()
    {
        var lent = ValidationTopUp.Apply(Dataset(2000, 150, 0, 0), 1);

        Assert.Equal((100, 100), (lent.Normal, lent.Abnormal));
        Assert.Equal(200, lent.Dataset.Validation.Count);
        Assert.Equal(1900, lent.Dataset.TrainNormal.Count);
    }

    [Theory]
    [InlineData(1341, 0, 8, 8, 1.0)]     // no abnormal training image to lend
    [InlineData(1341, 3875, 8, 8, 0.9)]  // a contaminated training set uses abnormal training images
    [InlineData(1341, 3875, 100, 120, 1.0)] // enough of each class already
    public void OtherwiseTheDataset_IsLeftAsItIs(int trainNormal, int trainAbnormal, int validationNormal, int validationAbnormal, double positiveRatio)
    {
        var dataset = Dataset(trainNormal, trainAbnormal, validationNormal, validationAbnormal);

        var lent = ValidationTopUp.Apply(dataset, positiveRatio);

        Assert.Same(dataset, lent.Dataset);
        Assert.False(lent.Any);
        Assert.Null(lent.Describe());
        Assert.Equal((validationNormal, validationAbnormal), (lent.ValidationNormal, lent.ValidationAbnormal));
    }
}
