using System.ComponentModel;
using System.Globalization;
using System.Text;
using SimSid.Cli.Reporting;
using SimSid.Data.Datasets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary><c>simsid score</c>: score image files and folders with a trained model.</summary>
public sealed class ScoreCommand : Command<ScoreCommand.Settings>
{
    /// <summary>Settings of score.</summary>
    public sealed class Settings : DeviceSettings
    {
        /// <summary>Images or folders.</summary>
        [CommandArgument(0, "<PATHS>")]
        [Description("Image files (PNG, JPEG) and folders of images (not searched recursively).")]
        public string[] Paths { get; init; } = [];

        /// <summary>The model.</summary>
        [CommandOption("-m|--model <FILE>")]
        [Description("A model.simsid, a checkpoint.simsid, or an ML.NET model zip holding a SimSID transformer.")]
        public string? Model { get; init; }

        /// <summary>CSV output.</summary>
        [CommandOption("-o|--out <FILE>")]
        [Description("CSV file of path, score, raw score (discriminator logit or reconstruction error) and prediction.")]
        [DefaultValue("scores.csv")]
        public string Out { get; init; } = "scores.csv";

        /// <summary>Heat maps.</summary>
        [CommandOption("--heatmaps <DIR>")]
        [Description("Also write each image with its anomaly map |image - reconstruction| overlaid, as PNG.")]
        public string? HeatMaps { get; init; }

        /// <summary>Fail on unreadable files.</summary>
        [CommandOption("--strict")]
        [Description("Fail on the first unreadable image instead of reporting and skipping it.")]
        public bool Strict { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Model)) throw new UsageException("--model is required: a model.simsid, checkpoint.simsid or ML.NET model zip.");
        if (settings.Paths.Length == 0) throw new UsageException("Give at least one image file or folder to score.");
        var records = Expand(settings.Paths).Select(p => new RadiographRecord(p, false)).ToList();
        using var files = ModelFiles.Open(settings.Model, settings.Device);
        var model = files.Model;
        if (!model.IsReady) throw new InvalidOperationException($"\"{settings.Model}\" is not a finished model (no calibration or threshold).");
        int size = model.Options.Network.ImageSize;
        var images = DatasetImages.Load(records, size, settings.Strict ? BadFilePolicy.Throw : BadFilePolicy.Skip, "input");
        var detail = model.ScoreInDetail(DatasetImages.Pixels(images));
        var scores = detail.Scores;

        var csv = new StringBuilder("path,score,raw_score,prediction\n");
        for (int i = 0; i < images.Count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"\"{images[i].Record.Path.Replace("\"", "\"\"")}\",{scores[i].Score:R},{scores[i].RawScore:R},{(scores[i].IsAnomalous ? "abnormal" : "normal")}\n");
        File.WriteAllText(settings.Out, csv.ToString());

        if (settings.HeatMaps is not null)
        {
            Directory.CreateDirectory(settings.HeatMaps);
            float scale = detail.AnomalyMaps.Select(m => m.Max()).DefaultIfEmpty(0f).Max();
            for (int i = 0; i < images.Count; i++)
                File.WriteAllBytes(Path.Combine(settings.HeatMaps, $"{i:D4}-{Path.GetFileNameWithoutExtension(images[i].Record.Path)}.png"),
                    RadiographPng.HeatMap(images[i].Pixels, detail.AnomalyMaps[i], size, scale));
        }

        int abnormal = scores.Count(s => s.IsAnomalous);
        AnsiConsole.MarkupLine(Markup.Escape($"Scored {images.Count} images: {abnormal} predicted abnormal at threshold {model.Threshold!.Threshold:0.###}. Wrote {settings.Out}" +
            (settings.HeatMaps is null ? "." : $" and heat maps in {settings.HeatMaps}.")));
        return ExitCodes.Ok;
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = ImageFolder.ListImages(path);
                if (found.Count == 0) throw new DirectoryNotFoundException($"The folder \"{path}\" holds no PNG or JPEG images.");
                foreach (var file in found) yield return file;
            }
            else if (File.Exists(path)) yield return path;
            else throw new FileNotFoundException($"\"{path}\" is neither an image file nor a folder.", path);
        }
    }
}
