using SimSid.Data.Datasets;
using SimSid.Cli.Evaluation;
using SimSid.Data.Imaging;
using SimSid.Torch.Training;

namespace SimSid.Cli.Tests;

/// <summary>Decoding a split a chunk of files at a time, as train and eval do.</summary>
public sealed class DatasetImagesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-chunks").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ASplitOfSeveralChunks_IsCachedInOrder_WithoutItsUnreadableFiles()
    {
        // More files than one chunk holds, each a flat image of its own gray level; one past the first chunk is corrupt.
        int count = DatasetImages.ChunkSize + 44, corrupt = DatasetImages.ChunkSize + 4;
        var records = Enumerable.Range(0, count).Select(i =>
        {
            string path = Path.Combine(folder, $"{i:D4}.png");
            File.WriteAllBytes(path, GrayscalePng.Encode(new GrayscaleImage(4, 4, Enumerable.Repeat(i % 250 / 255f, 16).ToArray())));
            return new RadiographRecord(path, IsAbnormal: false);
        }).ToList();
        File.WriteAllText(records[corrupt].Path, "not an image");

        ImageCache? cache = null;
        string printed = CliRunner.Printed(() => cache = DatasetImages.Cache(records, 4, BadFilePolicy.Skip, memoryBudgetBytes: 1 << 20, "training"));

        using (cache)
        {
            Assert.Equal(count - 1, cache!.Count);
            var levels = Enumerable.Range(0, cache.Count).Select(k => (int)MathF.Round(cache.Pixels(k)[0] * 255)).ToList();
            Assert.Equal(Enumerable.Range(0, count).Where(i => i != corrupt).Select(i => i % 250), levels);
        }

        // Progress after each chunk (the unreadable file counted as done), then the file it skipped.
        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"read {DatasetImages.ChunkSize}/{count} ", lines[0]);
        Assert.StartsWith($"read {count}/{count} ", lines[1]);
        Assert.Contains("Skipped 1 unreadable training image(s)", lines[2]);
    }

    [Fact]
    public void ASplitOfOneChunk_IsReadWithoutProgressLines()
    {
        string path = Path.Combine(folder, "one.png");
        File.WriteAllBytes(path, GrayscalePng.Encode(new GrayscaleImage(4, 4, new float[16])));
        int chunks = 0;

        string printed = CliRunner.Printed(() => DatasetImages.InChunks([new RadiographRecord(path, false)], 4, BadFilePolicy.Skip, "test", _ => chunks++));

        Assert.Equal(1, chunks);
        Assert.Equal("", printed);
    }

    [Fact]
    public void ASampleOfTheTrainingRecords_TakesAtMostItsSize_EvenlySpaced()
    {
        var records = Enumerable.Range(0, 5000).Select(i => new RadiographRecord($"{i:D4}.png", IsAbnormal: false)).ToList();

        var sample = DatasetImages.Sample(records, TestEvaluation.BaselineTrainingImages);

        Assert.Equal(TestEvaluation.BaselineTrainingImages, sample.Count);
        Assert.Same(records[0], sample[0]);
        Assert.Equal([records[0], records[2], records[5], records[7]], DatasetImages.Sample(records[..10], 4));
        Assert.Same(records, DatasetImages.Sample(records, 5000));
    }

    [Fact]
    public void ChunkedDecoding_WithTheStrictPolicy_StopsAtTheUnreadableFile()
    {
        string good = Path.Combine(folder, "good.png"), bad = Path.Combine(folder, "bad.png");
        File.WriteAllBytes(good, GrayscalePng.Encode(new GrayscaleImage(4, 4, new float[16])));
        File.WriteAllText(bad, "not an image");

        var e = Assert.Throws<RadiographLoadException>(() =>
            DatasetImages.InChunks([new RadiographRecord(good, false), new RadiographRecord(bad, false)], 4, BadFilePolicy.Throw, "test", _ => { }));
        Assert.Contains("bad.png", e.Message);
    }
}
