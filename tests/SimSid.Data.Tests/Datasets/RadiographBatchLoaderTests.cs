using SimSid.Data.Datasets;
using SimSid.Data.Imaging;
using SimSid.Data.Tests.Support;
using SimSid.Tests.Shared.Imaging;
using SkiaSharp;

namespace SimSid.Data.Tests.Datasets;

public sealed class RadiographBatchLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LoadsMixedFilesInOrderAndSkipsBadOnesWithReasons()
    {
        var records = MixedRecords();

        var batch = RadiographBatchLoader.Load(records, 12);

        Assert.Equal(12, batch.Size);
        Assert.Equal([records[0], records[1], records[3], records[5]], batch.Images.Select(i => i.Record));
        Assert.All(batch.Images, i => Assert.Equal(144, i.Pixels.Length));
        Assert.All(batch.Images[0].Pixels, v => Assert.Equal(40000 / 65535f, v, 4));
        Assert.All(batch.Images[2].Pixels, v => Assert.Equal(200 / 255f, v, 4));
        Assert.Equal([records[2].Path, records[4].Path], batch.Skipped.Select(s => s.Path));
        Assert.Contains("truncated", batch.Skipped[0].Reason);
        Assert.Equal("the file does not exist", batch.Skipped[1].Reason);
    }

    [Fact]
    public void ThrowPolicyReportsTheFirstBadFileInListOrder()
    {
        var records = MixedRecords();

        var error = Assert.Throws<RadiographLoadException>(() => RadiographBatchLoader.Load(records, 12, BadFilePolicy.Throw));

        Assert.Equal(records[2].Path, error.Path);
    }

    private List<RadiographRecord> MixedRecords()
    {
        string gray16 = _folder.File("a-gray16.png");
        ImageFixtures.Png16(gray16, 30, 20, (_, _) => 40000);
        string jpeg = _folder.File("b-rgb.jpg");
        ImageFixtures.Rgb(jpeg, 17, 33, (x, y) => ((byte)(x * 7), (byte)(y * 7), 90), SKEncodedImageFormat.Jpeg);
        string truncated = _folder.File("c-cut.png");
        ImageFixtures.Gray8Png(truncated, 64, 64, (x, y) => (byte)(x ^ y));
        ImageFixtures.Truncate(truncated, 0.4);
        string large = _folder.File("d-large.png");
        ImageFixtures.Gray8Png(large, 300, 280, (_, _) => 200);
        string missing = Path.Combine(_folder.Path, "e-missing.png");
        string small = DatasetTrees.Image(_folder, "f-small.png");
        return
        [
            new(gray16, false), new(jpeg, true, "PNEUMONIA"), new(truncated, false), new(large, false), new(missing, true), new(small, false),
        ];
    }
}
