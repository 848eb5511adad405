using Microsoft.ML;
using SimSid.MLNet.Tests.Support;

namespace SimSid.MLNet.Tests;

/// <summary>
/// What the separate process does: load a model zip with a plain mlContext.Model.Load and score
/// images with it. Files are little-endian Single arrays; images are <see cref="TestImages.PixelCount"/> each.
/// </summary>
internal static class ModelZipChildProcess
{
    public const string Command = "score-model-zip";

    public static int Run(string modelPath, string imagesPath, string scoresPath)
    {
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(modelPath, out _);
        var rows = ReadImages(imagesPath).Select(pixels => new UnlabelledPixelRow { Pixels = pixels });
        var scores = Scored.Scores(model.Transform(ml.Data.LoadFromEnumerable(rows)));
        WriteSingles(scoresPath, scores);
        return 0;
    }

    /// <summary>Scores <paramref name="images"/> with the zip in a child process; its files go to <paramref name="folder"/>.</summary>
    public static float[] ScoreInAnotherProcess(string zip, IEnumerable<float[]> images, string folder)
    {
        string imagesPath = Path.Combine(folder, "images.f32"), scoresPath = Path.Combine(folder, "scores.f32");
        WriteImages(imagesPath, images);

        var (exitCode, output) = ThisAssemblyProcess.Run(Command, zip, imagesPath, scoresPath);

        Assert.True(exitCode == 0, $"The child process exited with {exitCode}:\n{output}");
        return ReadSingles(scoresPath);
    }

    public static void WriteImages(string path, IEnumerable<float[]> images) => WriteSingles(path, images.SelectMany(i => i).ToArray());

    public static IEnumerable<float[]> ReadImages(string path) => ReadSingles(path).Chunk(TestImages.PixelCount);

    public static void WriteSingles(string path, float[] values)
    {
        using var writer = new BinaryWriter(File.Create(path));
        foreach (float value in values)
            writer.Write(value);
    }

    public static float[] ReadSingles(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * sizeof(float));
        return values;
    }
}
