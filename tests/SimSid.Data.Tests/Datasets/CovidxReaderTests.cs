using SimSid.Data.Datasets;
using SimSid.Data.Tests.Support;

namespace SimSid.Data.Tests.Datasets;

public sealed class CovidxReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadsListsInOrderWithImageFoldersAndLabels()
    {
        DatasetTrees.Covidx(_folder);

        var dataset = DatasetReader.Open(_folder.Path);

        Assert.Equal(DatasetLayout.Covidx, dataset.Layout);
        Assert.Equal(
            [Path.Combine(_folder.Path, "train", "t1.png"), Path.Combine(_folder.Path, "train", "t2.png"), Path.Combine(_folder.Path, "train", "t3.png")],
            dataset.TrainNormal.Select(r => r.Path));
        Assert.Equal([new RadiographRecord(Path.Combine(_folder.Path, "train", "v1.png"), false), new RadiographRecord(Path.Combine(_folder.Path, "train", "v2.png"), true, "COVID-19")], dataset.Validation);
        Assert.Equal([Path.Combine(_folder.Path, "test", "s1.png"), Path.Combine(_folder.Path, "test", "s2.png")], dataset.Test.Select(r => r.Path));
        Assert.Equal(["pneumonia", null], dataset.Test.Select(r => r.Finding));
        Assert.Empty(dataset.TrainAbnormal);
    }

    [Fact]
    public void AbnormalTrainingListJoinsTheLabelledTrainingImages()
    {
        DatasetTrees.Covidx(_folder, abnormalTrainList: true);

        var dataset = CovidxReader.Read(_folder.Path);

        Assert.Equal(dataset.TrainNormal.Concat(dataset.TrainAbnormal), dataset.Training);
        Assert.Equal(["t1.png", "t2.png", "t3.png"], dataset.TrainNormal.Select(r => Path.GetFileName(r.Path)));
        Assert.Equal(["a1.png"], dataset.TrainAbnormal.Select(r => Path.GetFileName(r.Path)));
        Assert.All(dataset.TrainAbnormal, r => Assert.True(r.IsAbnormal));
    }

    [Fact]
    public void MalformedLineIsReportedWithFileAndLineNumber()
    {
        DatasetTrees.Covidx(_folder);
        File.WriteAllText(Path.Combine(_folder.Path, "val_squid.txt"), "p4 v1.png normal rsna\np5 v2.png COVID-19\n");

        var error = Assert.Throws<DatasetLayoutException>(() => CovidxReader.Read(_folder.Path));

        Assert.Contains("val_squid.txt' line 2", error.Message);
        Assert.Contains("has 3 fields; expected 4", error.Message);
    }

    [Fact]
    public void AbnormalImageInTheNormalTrainingListIsRefused()
    {
        DatasetTrees.Covidx(_folder);
        File.AppendAllText(Path.Combine(_folder.Path, "train_squid.txt"), "p9 x.png COVID-19 sirm\n");

        var error = Assert.Throws<DatasetLayoutException>(() => CovidxReader.Read(_folder.Path));

        Assert.Contains("lists 'x.png' as 'COVID-19'", error.Message);
        Assert.Contains("train_squid_abnormal.txt", error.Message);
    }

    [Fact]
    public void TheValidationListMayBeLeftOut_OrListOneClass()
    {
        DatasetTrees.Covidx(_folder);
        File.WriteAllText(Path.Combine(_folder.Path, "val_squid.txt"), "p4 v1.png normal rsna\n");
        var oneClass = DatasetReader.Open(_folder.Path);
        File.Delete(Path.Combine(_folder.Path, "val_squid.txt"));

        var withoutList = DatasetReader.Open(_folder.Path);

        Assert.Equal([new RadiographRecord(Path.Combine(_folder.Path, "train", "v1.png"), false)], oneClass.Validation);
        Assert.Equal(DatasetLayout.Covidx, withoutList.Layout);
        Assert.Empty(withoutList.Validation);
        Assert.Equal(3, withoutList.TrainNormal.Count);
        Assert.Equal(2, withoutList.Test.Count);
    }

    [Fact]
    public void MissingListIsReported()
    {
        DatasetTrees.Covidx(_folder);
        File.Delete(Path.Combine(_folder.Path, "test_COVIDx9A.txt"));

        var error = Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(_folder.Path));

        Assert.Contains("has no 'test_COVIDx9A.txt'", error.Message);
        Assert.Contains("COVIDx layout", error.Message);
    }
}
