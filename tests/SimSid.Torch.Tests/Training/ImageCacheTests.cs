using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SimSid.Torch.Tests.Support;
using SimSid.Torch.Training;

namespace SimSid.Torch.Tests.Training;

/// <summary>The training images' cache: 8-bit, in memory up to a budget, the rest in a temporary file.</summary>
public sealed class ImageCacheTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-cache-test").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static float[] Read(ImageCache cache, params long[] indices)
    {
        using var images = cache.Read(indices);
        return images.data<float>().ToArray();
    }

    [Fact]
    public void ImagesBeyondTheBudget_AreReadBackFromATemporaryFile_AsTheyWouldBeFromMemory()
    {
        var (images, _) = Phantoms.Set(seed: 3, count: 10, size: 16, mixed: true);
        using var inMemory = ImageCache.From(images, 16);
        using var mostlyOnDisk = new ImageCache(16, memoryBudgetBytes: 3 * 16 * 16 + 100, folder);
        foreach (var image in images) mostlyOnDisk.Add(image);

        Assert.Equal((10, 10, 3), (inMemory.Count, inMemory.ImagesInMemory, mostlyOnDisk.ImagesInMemory));
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(7 * 16 * 16, new FileInfo(file).Length); // one byte per pixel
        long[] order = [9, 0, 4, 2, 7, 7];
        Assert.Equal(Read(inMemory, order), Read(mostlyOnDisk, order));

        // Each pixel is the nearest of 256 levels, mapped to the network's [-1, 1].
        var expected = order.SelectMany(i => images[(int)i].Select(v => MathF.Round(v * 255f) / 255f * 2f - 1f)).ToArray();
        var actual = Read(mostlyOnDisk, order);
        Assert.All(actual.Zip(expected), pair => Assert.Equal(pair.Second, pair.First, 1e-6f));
        Assert.True(actual.Zip(order.SelectMany(i => images[(int)i])).All(pair => Math.Abs((pair.First + 1) / 2 - pair.Second) <= 0.5f / 255f + 1e-6f));

        mostlyOnDisk.Dispose();
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void TheFingerprint_IsThatOfTheImagesAsAdded_SoCheckpointsOfEarlierVersionsStillResume()
    {
        var (images, _) = Phantoms.Set(seed: 4, count: 5, size: 8, mixed: false);
        using var cache = ImageCache.From(images, 8);

        // Earlier versions hashed the training images as one float tensor in [-1, 1].
        var scaled = images.SelectMany(image => image.Select(v => v * 2f - 1f)).ToArray();
        Assert.Equal(Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(scaled.AsSpan()))), cache.Fingerprint);
        Assert.Throws<InvalidOperationException>(() => cache.Add(images[0]));
    }

    [Fact]
    public void BadImages_AreNamedByTheirIndex()
    {
        using var cache = new ImageCache(4);
        cache.Add(new float[16]);

        var wrongSize = Assert.Throws<ArgumentException>(() => cache.Add(new float[15]));
        Assert.Contains("Image 1 has 15 pixels", wrongSize.Message);
        Assert.Contains("4x4", wrongSize.Message);
        var pixels = new float[16];
        pixels[6] = float.NaN;
        Assert.Contains("Image 1 has a non-finite pixel (NaN) at index 6 (row 1, column 2)", Assert.Throws<ArgumentException>(() => cache.Add(pixels)).Message);
        Assert.Equal(1, cache.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Read([1]));
    }

    [Fact]
    public void Training_FromImagesOnDisk_IsTheSameAsFromMemory()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 24, size: 32, mixed: false);
        var (test, _) = Phantoms.Set(seed: 2, count: 6, size: 32, mixed: true);

        double[] Run(long budget)
        {
            using var cache = new ImageCache(32, budget, folder);
            foreach (var image in train) cache.Add(image);
            using var model = new SimSidTrainer(TinyTraining.Options(epochs: 2, seed: 5)).Fit(cache);
            return [.. model.Score(test).Select(s => s.RawScore)];
        }

        Assert.Equal(Run(ImageCache.DefaultMemoryBudgetBytes), Run(0));
    }

    [Fact]
    public void TheTrainer_RefusesImagesOfAnotherSide()
    {
        var (train, _) = Phantoms.Set(seed: 1, count: 4, size: 16, mixed: false);
        using var cache = ImageCache.From(train, 16);

        var e = Assert.Throws<ArgumentException>(() => new SimSidTrainer(TinyTraining.Options(epochs: 1, seed: 0)).Fit(cache));
        Assert.Contains("The training images are 16x16, but this model takes 32x32 images", e.Message);
    }
}
