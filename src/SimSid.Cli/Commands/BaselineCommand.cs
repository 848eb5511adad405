using System.ComponentModel;
using SimSid.Cli.Evaluation;
using SimSid.Cli.Reporting;
using SimSid.Torch.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary><c>simsid baseline</c>: the pixel-PCA baseline alone, scored, thresholded and reported like SimSID.</summary>
public sealed class BaselineCommand : Command<BaselineCommand.Settings>
{
    /// <summary>Settings of baseline.</summary>
    public sealed class Settings : DataSettings
    {
        /// <summary>Image side.</summary>
        [CommandOption("--size <PX>")]
        [Description("Image side the pixels are taken at (SimSID's small preset uses 64, the paper's 128).")]
        [DefaultValue(64)]
        public int Size { get; init; } = 64;

        /// <summary>PCA rank.</summary>
        [CommandOption("--rank <N>")]
        [DefaultValue(20)]
        public int Rank { get; init; } = 20;

        /// <summary>Quantile threshold when there is no validation split.</summary>
        [CommandOption("--quantile <Q>")]
        [Description("Threshold quantile of the training scores, used when the data has no validation split.")]
        [DefaultValue(ThresholdSelection.DefaultQuantile)]
        public double Quantile { get; init; } = ThresholdSelection.DefaultQuantile;

        /// <summary>Output folder.</summary>
        [CommandOption("-o|--out <DIR>")]
        [DefaultValue("runs/baseline")]
        public string Out { get; init; } = "runs/baseline";
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dataset = settings.OpenDataset();
        var training = DatasetImages.Pixels(DatasetImages.Load(dataset.TrainNormal, settings.Size, settings.Policy, "training"));
        var validation = dataset.Validation.Count > 0 ? DatasetImages.Load(dataset.Validation, settings.Size, settings.Policy, "validation") : null;
        var test = DatasetImages.Load(dataset.Test, settings.Size, settings.Policy, "test");
        AnsiConsole.MarkupLine(Markup.Escape($"Fitting the pixel-PCA baseline (rank {settings.Rank}) on {training.Count} training images at {settings.Size} px..."));
        var result = TestEvaluation.Baseline(training, validation, test, settings.Size, settings.Rank, settings.Quantile);
        var content = new ReportContent("Pixel-PCA baseline evaluation",
            $"{dataset.Root} ({dataset.Layout}), test split", result.Description, DatasetImages.Labels(test), DatasetImages.Findings(test), [result], [], settings.Size);
        var report = ReportWriter.Write(settings.Out, content);
        MetricsTable.Write(content);
        AnsiConsole.MarkupLine($"Report: [bold]{Markup.Escape(Path.GetFullPath(report))}[/]");
        return ExitCodes.Ok;
    }
}
