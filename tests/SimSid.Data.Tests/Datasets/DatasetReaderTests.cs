using SimSid.Data.Datasets;
using SimSid.Data.Tests.Support;

namespace SimSid.Data.Tests.Datasets;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void PlainFolderIsReadAsNormalTrainingImagesOnly()
    {
        DatasetTrees.Image(_folder, "b.png");
        DatasetTrees.Image(_folder, "a.JPG");
        DatasetTrees.Image(_folder, "sub/ignored.png");
        File.WriteAllText(_folder.File("readme.txt"), "x");

        var dataset = DatasetReader.Open(_folder.Path);

        Assert.Equal(DatasetLayout.NormalFolder, dataset.Layout);
        Assert.Equal(["a.JPG", "b.png"], dataset.TrainNormal.Select(r => Path.GetFileName(r.Path)));
        Assert.All(dataset.TrainNormal, r => Assert.False(r.IsAbnormal));
        var error = Assert.Throws<DatasetLayoutException>(() => dataset.GetSplit(DatasetSplit.Test));
        Assert.Contains("has no test images", error.Message);
        Assert.Contains("provides training images only", error.Message);
    }

    [Fact]
    public void EmptyFolderDescribesTheExpectedLayouts()
    {
        var error = Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(_folder.Path));

        Assert.Contains("is not a recognised dataset layout. The folder is empty.", error.Message);
        Assert.Contains("ZhangLab layout", error.Message);
        Assert.Contains("CheXpert layout", error.Message);
        Assert.Contains("COVIDx layout", error.Message);
        Assert.Contains("a folder holding normal PNG or JPEG images directly", error.Message);
    }

    [Fact]
    public void WrongLayoutListsWhatIsThere()
    {
        DatasetTrees.Image(_folder, "images/normal/a.png");
        File.WriteAllText(_folder.File("labels.csv"), "a.png,0");

        var error = Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(_folder.Path));

        Assert.Contains("It holds: images/, labels.csv.", error.Message);
        Assert.Equal(_folder.Path, error.Root);
    }

    [Fact]
    public void SplitFolderOpenedByMistakePointsToItsParent()
    {
        DatasetTrees.ZhangLab(_folder);
        string split = Path.Combine(_folder.Path, "test");

        var error = Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(split));

        Assert.Contains($"one split of a ZhangLab dataset: open its parent folder '{_folder.Path}' instead", error.Message);
    }

    [Fact]
    public void MissingFolderAndFilePathAreReported()
    {
        string missing = Path.Combine(_folder.Path, "nowhere");
        Assert.Contains("does not exist", Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(missing)).Message);

        string file = DatasetTrees.Image(_folder, "single.png");
        Assert.Contains("is a file; a dataset is a folder", Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(file)).Message);
    }

    [Fact]
    public void DetectsEachLayout()
    {
        using var zhang = new TempFolder();
        using var chexpert = new TempFolder();
        using var covidx = new TempFolder();
        DatasetTrees.ZhangLab(zhang);
        DatasetTrees.CheXpert(chexpert);
        DatasetTrees.Covidx(covidx);

        Assert.Equal(DatasetLayout.ZhangLab, DatasetReader.DetectLayout(zhang.Path));
        Assert.Equal(DatasetLayout.CheXpert, DatasetReader.DetectLayout(chexpert.Path));
        Assert.Equal(DatasetLayout.Covidx, DatasetReader.DetectLayout(covidx.Path));
    }
}
