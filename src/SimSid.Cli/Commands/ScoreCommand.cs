using System.ComponentModel;
using SimSid.Cli.Scoring;
using SimSid.Data.Datasets;
using SimSid.Torch;
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
        [Description("CSV file of path, score, raw score (discriminator logit, reconstruction error or memory distance), prediction and scoring mode.")]
        [DefaultValue("scores.csv")]
        public string Out { get; init; } = "scores.csv";

        /// <summary>Heat maps.</summary>
        [CommandOption("--heatmaps <DIR>")]
        [Description("Also write each image with the anomaly map of the model's score overlaid (scaled to the image's own largest value), as PNG.")]
        public string? HeatMaps { get; init; }

        /// <summary>Images decoded and scored at a time.</summary>
        [CommandOption("--batch-size <N>")]
        [Description("Images decoded and scored at a time; memory stays bounded by a few batches whatever the number of images.")]
        [DefaultValue(64)]
        public int BatchSize { get; init; } = 64;

        /// <summary>Scoring mode.</summary>
        [CommandOption("--scoring <MODE>")]
        [Description("Score in another mode the model holds a threshold for (paper, eval-bn, reconstruction, patch-memory, feature-memory, memories, feature-memory-mean, focal-and-diffuse; eval reports the test ROC-AUC of each). Default: the model's own, the one its training chose.")]
        public string? Scoring { get; init; }

        /// <summary>Continue an interrupted run.</summary>
        [CommandOption("--resume")]
        [Description("Continue the CSV given by --out: skip the images it already holds and append the others.")]
        public bool Resume { get; init; }

        /// <summary>This process's share of the inputs.</summary>
        [CommandOption("--shard <K/N>")]
        [Description("Score only share K of N (every N-th input, starting at the K-th): N processes or machines with shards 1/N..N/N score every input once, and their CSVs concatenate into the whole.")]
        public string? Shard { get; init; }

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
        if (settings.BatchSize < 1) throw new UsageException($"--batch-size must be at least 1 (got {settings.BatchSize}).");
        var shard = settings.Shard is null ? ScoreShard.Whole : ScoreShard.Parse(settings.Shard);
        var inputs = Expand(settings.Paths).ToList();
        using var files = ModelFiles.Open(settings.Model, settings.Device);
        var model = files.Model;
        if (!model.IsReady) throw new InvalidOperationException($"\"{settings.Model}\" is not a finished model (no calibration or threshold).");
        var mode = settings.Scoring is null ? model.Options.Scoring.Mode : ScoringOption.Parse(settings.Scoring);
        // Checked before the CSV is touched, so that a mode the model cannot score in costs no earlier results.
        var threshold = model.ThresholdFor(mode) ?? throw new UsageException(
            $"\"{settings.Model}\" holds no threshold for the {mode.ShortName()} score; it scores in {string.Join(", ", ScoringModes.All.Where(model.Thresholds!.ContainsKey).Select(m => m.ShortName()))}.");
        var result = FolderScoring.Run(model, inputs, new FolderScoring.Settings(settings.Out, shard, settings.BatchSize, settings.Resume,
            settings.HeatMaps, settings.Strict ? BadFilePolicy.Throw : BadFilePolicy.Skip, mode), cancellationToken);
        AnsiConsole.MarkupLine(Markup.Escape($"Scored {result.Scored} images ({result.ImagesPerSecond:F1} images/s): {result.Abnormal} predicted abnormal by the {mode.ShortName()} score at threshold {threshold.Threshold:0.###}. " +
            $"{(result.Resumed ? "Appended to" : "Wrote")} {settings.Out}" + (settings.HeatMaps is null ? "." : $" and heat maps in {settings.HeatMaps}.")));
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
