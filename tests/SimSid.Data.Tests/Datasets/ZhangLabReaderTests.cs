using SimSid.Data.Datasets;
using SimSid.Data.Tests.Support;

namespace SimSid.Data.Tests.Datasets;

public sealed class ZhangLabReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadsEverySplitSortedByNameWithNormalsFirst()
    {
        DatasetTrees.ZhangLab(_folder);

        var dataset = DatasetReader.Open(_folder.Path);

        Assert.Equal(DatasetLayout.ZhangLab, dataset.Layout);
        Assert.Equal(["n1.jpeg", "n2.png", "n3.png"], dataset.TrainNormal.Select(r => Path.GetFileName(r.Path)));
        Assert.Empty(dataset.TrainAbnormal);
        Assert.Equal(["n1.jpeg", "n2.png", "n3.png", "p1.png", "p2.png"], dataset.Test.Select(r => Path.GetFileName(r.Path)));
        Assert.Equal([false, false, false, true, true], dataset.Validation.Select(r => r.IsAbnormal));
        Assert.Equal("PNEUMONIA", dataset.Test[^1].Finding);
        Assert.Null(dataset.Test[0].Finding);
        Assert.All(dataset.Test, r => Assert.True(File.Exists(r.Path)));
    }

    [Fact]
    public void AnyOtherClassFolderIsAbnormalAndStrayFilesAreIgnored()
    {
        DatasetTrees.ZhangLab(_folder, trainAbnormal: true);
        DatasetTrees.Image(_folder, "test/VIRAL/v1.png");
        File.WriteAllText(_folder.File("test/NORMAL/notes.txt"), "not an image");
        DatasetTrees.Image(_folder, "test/NORMAL/._n1.png");
        DatasetTrees.Image(_folder, "test/NORMAL/nested/deep.png");

        var dataset = ZhangLabReader.Read(_folder.Path);

        Assert.Equal(3, dataset.Test.Count(r => !r.IsAbnormal));
        Assert.Equal(["PNEUMONIA", "PNEUMONIA", "VIRAL"], dataset.Test.Where(r => r.IsAbnormal).Select(r => r.Finding));
        Assert.Equal(2, dataset.TrainAbnormal.Count);
        Assert.All(dataset.TrainAbnormal, r => Assert.True(r.IsAbnormal));
    }

    [Fact]
    public void MissingSplitSaysWhichAndWhatLayoutWasExpected()
    {
        DatasetTrees.ZhangLab(_folder);
        Directory.Delete(Path.Combine(_folder.Path, "test"), recursive: true);

        var error = Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(_folder.Path));

        Assert.Contains("has no 'test' folder", error.Message);
        Assert.Contains("ZhangLab layout: <root>/{train,val,test}/NORMAL/", error.Message);
    }

    [Fact]
    public void WithoutAValFolder_TheValidationSplitIsEmpty_AndTheOtherSplitsAreRead()
    {
        DatasetTrees.ZhangLab(_folder);
        var full = DatasetReader.Open(_folder.Path);
        Directory.Delete(Path.Combine(_folder.Path, "val"), recursive: true);

        var dataset = DatasetReader.Open(_folder.Path);

        Assert.Equal(DatasetLayout.ZhangLab, dataset.Layout);
        Assert.NotEmpty(full.Validation);
        Assert.Empty(dataset.Validation);
        Assert.Equal(full.TrainNormal.Select(r => r.Path), dataset.TrainNormal.Select(r => r.Path));
        Assert.Equal(full.TrainAbnormal.Select(r => r.Path), dataset.TrainAbnormal.Select(r => r.Path));
        Assert.Equal(full.Test.Select(r => (r.Path, r.IsAbnormal)), dataset.Test.Select(r => (r.Path, r.IsAbnormal)));
    }

    [Theory]
    [InlineData("PNEUMONIA", new[] { false, false, false })]
    [InlineData("NORMAL", new[] { true, true })]
    public void AValidationSplitOfOneClass_IsReadAsItIs_WhileTheTestSplitNeedsBoth(string removed, bool[] validationLabels)
    {
        DatasetTrees.ZhangLab(_folder);
        Directory.Delete(Path.Combine(_folder.Path, "val", removed), recursive: true);

        var dataset = DatasetReader.Open(_folder.Path);
        Directory.Delete(Path.Combine(_folder.Path, "test", removed), recursive: true);
        var error = Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(_folder.Path));

        Assert.Equal(validationLabels, dataset.Validation.Select(r => r.IsAbnormal));
        Assert.All(dataset.Validation, r => Assert.Contains(Path.Combine(_folder.Path, "val"), r.Path));
        Assert.Equal(5, dataset.Test.Count);
        Assert.Contains(Path.Combine(_folder.Path, "test"), error.Message);
    }

    [Fact]
    public void EmptyNormalFolderIsReported()
    {
        DatasetTrees.ZhangLab(_folder);
        foreach (string file in Directory.GetFiles(Path.Combine(_folder.Path, "train", "NORMAL")))
        {
            File.Delete(file);
        }

        var error = Assert.Throws<DatasetLayoutException>(() => ZhangLabReader.Read(_folder.Path));

        Assert.Contains(Path.Combine(_folder.Path, "train", "NORMAL"), error.Message);
        Assert.Contains("holds no PNG or JPEG images", error.Message);
    }

    [Fact]
    public void TestSplitWithoutAbnormalImagesIsReported()
    {
        DatasetTrees.ZhangLab(_folder);
        Directory.Delete(Path.Combine(_folder.Path, "test", "PNEUMONIA"), recursive: true);

        var error = Assert.Throws<DatasetLayoutException>(() => ZhangLabReader.Read(_folder.Path));

        Assert.Contains("has 3 normal and 0 abnormal images", error.Message);
    }

    [Fact]
    public void TrainingListsTheNormalThenTheAbnormalTrainingImages()
    {
        DatasetTrees.ZhangLab(_folder, trainAbnormal: true);

        var dataset = ZhangLabReader.Read(_folder.Path);

        Assert.Equal([false, false, false, true, true], dataset.Training.Select(r => r.IsAbnormal));
        Assert.Equal(dataset.TrainNormal.Concat(dataset.TrainAbnormal), dataset.Training);
        Assert.Equal(dataset.Training, dataset.GetSplit(DatasetSplit.Train));
    }
}
