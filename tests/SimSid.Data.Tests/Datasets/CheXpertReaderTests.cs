using SimSid.Data.Datasets;
using SimSid.Data.Tests.Support;

namespace SimSid.Data.Tests.Datasets;

public sealed class CheXpertReaderTests : IDisposable
{
    private const string Diseases = "x.png/Pleural Effusion/Edema\ny.png/Cardiomegaly\n\nz.png\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadsSplitFoldersAndFindings()
    {
        DatasetTrees.CheXpert(_folder, Diseases);
        DatasetTrees.Image(_folder, "train_256_ap/normal_256/ignored.png");

        var dataset = DatasetReader.Open(_folder.Path);

        Assert.Equal(DatasetLayout.CheXpert, dataset.Layout);
        Assert.Equal(2, dataset.TrainNormal.Count);
        Assert.Equal(3, dataset.TrainAbnormal.Count);
        Assert.All(dataset.TrainNormal, r => Assert.Contains("train_256_pa", r.Path));
        Assert.All(dataset.Validation, r => Assert.Contains("valid_256_pa", r.Path));
        Assert.Equal([false, false, true, true, true], dataset.Test.Select(r => r.IsAbnormal));
        Assert.Equal(["Pleural Effusion/Edema", "Cardiomegaly", null], dataset.Test.Skip(2).Select(r => r.Finding));
        Assert.All(dataset.Validation.Where(r => r.IsAbnormal), r => Assert.Null(r.Finding));
    }

    [Fact]
    public void TestFindingKeepsOnlyImagesListingItPositiveAsTheReferenceDoes()
    {
        DatasetTrees.CheXpert(_folder, Diseases);

        var dataset = DatasetReader.Open(_folder.Path, new DatasetReaderOptions { TestFinding = "Edema" });

        Assert.Equal(5, dataset.Test.Count);
        Assert.Equal(["x.png"], dataset.Test.Where(r => r.IsAbnormal).Select(r => Path.GetFileName(r.Path)));
        Assert.Equal(3, dataset.Validation.Count(r => r.IsAbnormal));
    }

    [Fact]
    public void UnknownTestFindingListsTheKnownOnes()
    {
        DatasetTrees.CheXpert(_folder, Diseases);

        var error = Assert.Throws<DatasetLayoutException>(() =>
            CheXpertReader.Read(_folder.Path, new DatasetReaderOptions { TestFinding = "Fracture" }));

        Assert.Contains("No test image lists the finding 'Fracture'", error.Message);
        Assert.Contains("'Cardiomegaly', 'Edema', 'Pleural Effusion'", error.Message);
    }

    [Fact]
    public void TestFindingNeedsDiseasesFile()
    {
        DatasetTrees.CheXpert(_folder);

        var error = Assert.Throws<DatasetLayoutException>(() =>
            CheXpertReader.Read(_folder.Path, new DatasetReaderOptions { TestFinding = "Edema" }));

        Assert.Contains("diseases.txt', which does not exist", error.Message);
    }

    [Fact]
    public void TwoFoldersForOneSplitAreAmbiguous()
    {
        DatasetTrees.CheXpert(_folder);
        DatasetTrees.Image(_folder, "test_256_pa/normal_256/a.png");

        var error = Assert.Throws<DatasetLayoutException>(() => CheXpertReader.Read(_folder.Path));

        Assert.Contains("several test folders", error.Message);
        Assert.Contains("our_test_256_pa, test_256_pa", error.Message);
    }

    [Fact]
    public void MissingClassFolderOfTheTestSplitIsReported()
    {
        DatasetTrees.CheXpert(_folder);
        Directory.Delete(Path.Combine(_folder.Path, "our_test_256_pa", "abnormal_256"), recursive: true);

        var error = Assert.Throws<DatasetLayoutException>(() => DatasetReader.Open(_folder.Path));

        Assert.Contains(Path.Combine(_folder.Path, "our_test_256_pa"), error.Message);
        Assert.Contains("has no abnormal_256 folder", error.Message);
        Assert.Contains("CheXpert layout", error.Message);
    }

    [Theory]
    [InlineData("abnormal_256", new[] { false, false })]
    [InlineData("normal_256", new[] { true, true, true })]
    public void AValidationSplitOfOneClass_IsReadAsItIs(string removed, bool[] validationLabels)
    {
        DatasetTrees.CheXpert(_folder);
        Directory.Delete(Path.Combine(_folder.Path, "valid_256_pa", removed), recursive: true);

        var dataset = DatasetReader.Open(_folder.Path);

        Assert.Equal(validationLabels, dataset.Validation.Select(r => r.IsAbnormal));
        Assert.All(dataset.Validation, r => Assert.Contains("valid_256_pa", r.Path));
        Assert.Equal((2, 3, 5), (dataset.TrainNormal.Count, dataset.TrainAbnormal.Count, dataset.Test.Count));
    }

    [Fact]
    public void WithoutAValidationFolder_TheValidationSplitIsEmpty_AndTheOtherSplitsAreRead()
    {
        DatasetTrees.CheXpert(_folder);
        Directory.Delete(Path.Combine(_folder.Path, "valid_256_pa"), recursive: true);

        var dataset = DatasetReader.Open(_folder.Path);

        Assert.Equal(DatasetLayout.CheXpert, dataset.Layout);
        Assert.Empty(dataset.Validation);
        Assert.Equal((2, 3), (dataset.TrainNormal.Count, dataset.TrainAbnormal.Count));
        Assert.Equal([false, false, true, true, true], dataset.Test.Select(r => r.IsAbnormal));
    }

    [Fact]
    public void TestFindingIsRefusedForOtherLayouts()
    {
        DatasetTrees.ZhangLab(_folder);

        var error = Assert.Throws<ArgumentException>(() =>
            DatasetReader.Open(_folder.Path, new DatasetReaderOptions { TestFinding = "Edema" }));

        Assert.Contains("only be chosen for the CheXpert layout", error.Message);
    }
}
