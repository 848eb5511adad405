using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using SimSid.Data.Imaging;
using SimSid.MLNet;
using SimSid.Tests.Shared.Imaging;
using SkiaSharp;
using Xunit.Abstractions;

namespace SimSid.Cli.Tests;

/// <summary>
/// One ML.NET model zip scores one file the same through <c>simsid score</c> as through
/// <c>LoadImages -> SimSid</c> in ML.NET: both prepare images with SimSid.Data's loader.
/// </summary>
public sealed class MlNetZipScoringTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("simsid-cli-mlnet-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The path column of the rows LoadImages reads.</summary>
    public sealed class ImagePathRow
    {
        public string ImagePath { get; set; } = "";
    }

    [Fact]
    public void ScoreCommandAndLoadImagesPipeline_SameZipAndFiles_GiveTheSameScores()
    {
        string data = Path.Combine(folder, "data");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("synth", "--out", data, "--train", "12", "--val", "2", "--test", "2", "--size", "64", "--seed", "5").ExitCode);
        string zip = TrainModelZip(Directory.GetFiles(Path.Combine(data, "train", "NORMAL"), "*.png"));
        var files = WriteFilesToScore(Directory.GetFiles(Path.Combine(data, "test", "ABNORMAL"), "*.png")[0]);

        var cli = ScoreWithCli(zip, files);
        var mlNet = ScoreWithMlNet(zip, files);

        var differences = files.Select((f, i) => (File: Path.GetFileName(f), Difference: Math.Abs(cli[i] - mlNet[i]))).ToList();
        foreach (var (file, difference) in differences)
            output.WriteLine($"{file}: |CLI - ML.NET| = {difference:E2}");
        output.WriteLine($"max |CLI - ML.NET| over {files.Count} files = {differences.Max(d => d.Difference):E2}");
        Assert.All(differences, d => Assert.True(d.Difference <= 1e-5, $"{d.File}: the CLI and ML.NET scores differ by {d.Difference:E2}"));
        // The scores say something about the images: they are not one constant.
        Assert.True(cli.Distinct().Count() > 1, $"All {files.Count} CLI scores are {cli[0]}.");
    }

    private string TrainModelZip(IReadOnlyList<string> trainingFiles)
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.LoadFromEnumerable(trainingFiles.Select(f => new ImagePathRow { ImagePath = f }));
        var pipeline = ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(ImagePathRow.ImagePath))
            .Append(ml.Transforms.SimSid(new SimSidEstimator.Options { InputColumnName = "Image", Preset = "tiny", Epochs = 1 }));
        using var model = pipeline.Fit(rows);
        string zip = Path.Combine(folder, "model.zip");
        ml.Model.Save(model, rows.Schema, zip);
        return zip;
    }

    /// <summary>
    /// The radiograph as files of other sizes and kinds: non-square RGB and grayscale PNGs, one smaller than
    /// the tiny preset's 32 px, an RGB JPEG, and the square grayscale original.
    /// </summary>
    private List<string> WriteFilesToScore(string radiograph)
    {
        var gray = RadiographLoader.Decode(radiograph);
        byte Level(int x, int y, int width, int height) =>
            (byte)Math.Round(255 * gray[x * gray.Width / width, y * gray.Height / height]);
        // Tinted unevenly, so that each channel's luma weight matters.
        Func<int, int, (byte R, byte G, byte B)> Tinted(int width, int height) => (x, y) =>
        {
            byte v = Level(x, y, width, height);
            return (v, (byte)(0.8 * v + 30), (byte)(255 - v / 2));
        };

        string tall = Path.Combine(folder, "tall-rgb.png"), wide = Path.Combine(folder, "wide-gray.png");
        string small = Path.Combine(folder, "small-rgb.png"), jpeg = Path.Combine(folder, "rgb.jpg");
        ImageFixtures.Rgb(tall, 45, 83, Tinted(45, 83), SKEncodedImageFormat.Png);
        ImageFixtures.Gray8Png(wide, 97, 51, (x, y) => Level(x, y, 97, 51));
        ImageFixtures.Rgb(small, 27, 19, Tinted(27, 19), SKEncodedImageFormat.Png);
        ImageFixtures.Rgb(jpeg, 70, 58, Tinted(70, 58), SKEncodedImageFormat.Jpeg, quality: 90);
        Assert.Equal(ImageFixtures.PngRgb, ImageFixtures.PngColourType(tall));
        Assert.Equal(ImageFixtures.PngGrayscale, ImageFixtures.PngColourType(wide));
        return [tall, wide, small, jpeg, radiograph];
    }

    private double[] ScoreWithCli(string zip, IReadOnlyList<string> files)
    {
        string csv = Path.Combine(folder, "scores.csv");
        var result = CliRunner.Run(["score", "--model", zip, .. files, "--out", csv, "--strict"]);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Output + result.Error);
        var scores = File.ReadAllLines(csv).Skip(1).Select(line =>
        {
            string[] fields = line.Split(',');
            return (Path: string.Join(',', fields[..^4]).Trim('"'), Score: double.Parse(fields[^4], CultureInfo.InvariantCulture));
        }).ToList();
        Assert.Equal(files, scores.Select(s => s.Path));
        return scores.Select(s => s.Score).ToArray();
    }

    private static double[] ScoreWithMlNet(string zip, IReadOnlyList<string> files)
    {
        var ml = new MLContext(seed: 2);
        var model = ml.Model.Load(zip, out _);
        var rows = ml.Data.LoadFromEnumerable(files.Select(f => new ImagePathRow { ImagePath = f }));
        return model.Transform(rows).GetColumn<float>("Score").Select(s => (double)s).ToArray();
    }
}
