using SimSid.Data.Imaging;

namespace SimSid.Data.Synthetic;

/// <summary>
/// Writes a synthetic chest-radiograph dataset in the ZhangLab layout
/// (<c>train/NORMAL</c>, <c>val|test/{NORMAL,ABNORMAL}</c>) as 8-bit grayscale PNGs, plus
/// <c>manifest.csv</c> describing every image. Images are rendered in parallel; each one
/// depends only on its own seed, so the output is identical for any degree of parallelism.
/// </summary>
public static class SyntheticDatasetWriter
{
    /// <summary>Writes the dataset into <paramref name="root"/>, which must be missing or empty.</summary>
    /// <returns>The images written, as listed in the manifest.</returns>
    /// <exception cref="IOException"><paramref name="root"/> exists and is not empty.</exception>
    public static IReadOnlyList<SyntheticCase> Write(string root, SyntheticDatasetOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        options ??= new SyntheticDatasetOptions();
        var cases = SyntheticDatasetPlan.Cases(options);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new IOException(
                $"Cannot write a synthetic dataset into '{root}': the folder is not empty. Choose a new or empty folder.");
        }

        foreach (string folder in cases.Select(c => Path.GetDirectoryName(c.File)!).Distinct())
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, cases.Count, parallel, i =>
        {
            var item = cases[i];
            var image = SyntheticChestRadiograph.Render(item.Seed, item.Finding, item.Severity, options.ImageSize);
            GrayscalePng.Save(image, Path.Combine(root, item.File));
        });

        SyntheticManifest.Write(Path.Combine(root, SyntheticManifest.FileName), cases);
        return cases;
    }
}
