using SimSid.Data.Datasets;
using SimSid.Data.Imaging;
using SimSid.Data.Synthetic;
using SimSid.Data.Tests.Support;

namespace SimSid.Data.Tests.Synthetic;

public sealed class SyntheticDatasetWriterTests : IDisposable
{
    private static readonly SyntheticDatasetOptions Small = new()
    {
        Seed = 11, ImageSize = 48, TrainNormal = 4, ValidationNormal = 3, ValidationAbnormal = 5, TestNormal = 6, TestAbnormal = 30,
    };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WritesZhangLabLayoutWithAConsistentManifest()
    {
        string root = Path.Combine(_folder.Path, "synthetic");
        var cases = SyntheticDatasetWriter.Write(root, Small);

        var manifest = SyntheticManifest.Read(Path.Combine(root, SyntheticManifest.FileName));
        Assert.Equal(cases, manifest);
        Assert.Equal(4 + 3 + 5 + 6 + 30, cases.Count);
        Assert.All(cases, c => Assert.True(File.Exists(Path.Combine(root, c.File)), c.File));
        Assert.All(cases, c => Assert.Equal(c.IsAbnormal ? "ABNORMAL" : "NORMAL", c.File.Split('/')[1]));
        Assert.All(cases, c => Assert.Equal(c.File.Split('/')[0], c.Split));
        Assert.Equal(cases.Count, cases.Select(c => c.Seed).Distinct().Count());

        var dataset = DatasetReader.Open(root);
        Assert.Equal(DatasetLayout.ZhangLab, dataset.Layout);
        Assert.Equal((4, 0, 8, 36), (dataset.TrainNormal.Count, dataset.TrainAbnormal.Count, dataset.Validation.Count, dataset.Test.Count));
        var byFile = cases.ToDictionary(c => Path.GetFullPath(Path.Combine(root, c.File)));
        Assert.All(dataset.Test, r => Assert.Equal(byFile[r.Path].IsAbnormal ? byFile[r.Path].Finding.ToString() : null, r.Finding));

        var image = RadiographLoader.Decode(Path.Combine(root, cases[0].File));
        Assert.Equal((48, 48), (image.Width, image.Height));
    }

    [Fact]
    public void BalancesFindingsAndSeverities()
    {
        var test = SyntheticDatasetPlan.Cases(Small).Where(c => c.Split == "test").ToList();

        Assert.Equal(6, test.Count(c => !c.IsAbnormal));
        Assert.All(test.Where(c => !c.IsAbnormal), c => Assert.Equal(0, c.Severity));
        var abnormal = test.Where(c => c.IsAbnormal).ToList();
        Assert.All(abnormal.GroupBy(c => c.Finding), g => Assert.Equal(6, g.Count()));
        Assert.All(abnormal.GroupBy(c => (c.Finding, c.Severity)), g => Assert.Equal(2, g.Count()));
        Assert.Equal(5 * 3, abnormal.GroupBy(c => (c.Finding, c.Severity)).Count());
    }

    [Fact]
    public void OutputIsIdenticalWhateverTheParallelismAndRerendersFromTheManifestSeed()
    {
        string serial = Path.Combine(_folder.Path, "serial");
        string parallel = Path.Combine(_folder.Path, "parallel");
        var cases = SyntheticDatasetWriter.Write(serial, Small with { MaxDegreeOfParallelism = 1 });
        SyntheticDatasetWriter.Write(parallel, Small with { MaxDegreeOfParallelism = 4 });

        Assert.Equal(File.ReadAllBytes(Path.Combine(serial, "manifest.csv")), File.ReadAllBytes(Path.Combine(parallel, "manifest.csv")));
        Assert.All(cases, c => Assert.Equal(File.ReadAllBytes(Path.Combine(serial, c.File)), File.ReadAllBytes(Path.Combine(parallel, c.File))));

        var sample = cases[^1];
        byte[] rerendered = GrayscalePng.Encode(SyntheticChestRadiograph.Render(sample.Seed, sample.Finding, sample.Severity, Small.ImageSize));
        Assert.Equal(File.ReadAllBytes(Path.Combine(serial, sample.File)), rerendered);
    }

    [Fact]
    public void OtherSeedGivesOtherImages()
    {
        var first = SyntheticDatasetPlan.Cases(Small);
        var second = SyntheticDatasetPlan.Cases(Small with { Seed = 12 });

        Assert.Equal(first.Select(c => (c.File, c.Finding, c.Severity)), second.Select(c => (c.File, c.Finding, c.Severity)));
        Assert.Empty(first.Select(c => c.Seed).Intersect(second.Select(c => c.Seed)));
    }

    [Fact]
    public void RefusesANonEmptyFolderAndBadOptions()
    {
        File.WriteAllText(_folder.File("keep.txt"), "user data");

        var error = Assert.Throws<IOException>(() => SyntheticDatasetWriter.Write(_folder.Path, Small));
        Assert.Contains("the folder is not empty", error.Message);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "keep.txt")));

        Assert.Contains("TestAbnormal must be at least 1", Assert.Throws<ArgumentException>(() => SyntheticDatasetPlan.Cases(Small with { TestAbnormal = 0 })).Message);
        Assert.Throws<ArgumentException>(() => SyntheticDatasetPlan.Cases(Small with { Findings = [SyntheticFinding.None] }));
    }

    [Fact]
    public void MalformedManifestLineIsReported()
    {
        string path = _folder.File("manifest.csv");
        File.WriteAllText(path, SyntheticManifest.Header + "\ntest/ABNORMAL/a.png,test,abnormal,Tumour,2,5\n");

        var error = Assert.Throws<InvalidDataException>(() => SyntheticManifest.Read(path));

        Assert.Contains("line 2", error.Message);
    }
}
