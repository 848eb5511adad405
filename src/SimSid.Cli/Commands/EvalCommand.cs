using System.ComponentModel;
using SimSid.Cli.Workflows;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary><c>simsid eval</c>: metrics, curves and a report for a trained model on a test split.</summary>
public sealed class EvalCommand : Command<EvalCommand.Settings>
{
    /// <summary>Settings of eval.</summary>
    public sealed class Settings : DataSettings
    {
        /// <summary>The model.</summary>
        [CommandOption("-m|--model <FILE>")]
        [Description("A model.simsid, a checkpoint.simsid, or an ML.NET model zip holding a SimSID transformer.")]
        public string? Model { get; init; }

        /// <summary>Output folder.</summary>
        [CommandOption("-o|--out <DIR>")]
        [Description("Folder for report.html, metrics.json and the figures. Default: <model folder>/eval.")]
        public string? Out { get; init; }

        /// <summary>Skip the baseline.</summary>
        [CommandOption("--no-baseline")]
        [Description("Do not fit and report the pixel-PCA baseline.")]
        public bool NoBaseline { get; init; }

        /// <summary>Baseline rank.</summary>
        [CommandOption("--baseline-rank <N>")]
        [DefaultValue(20)]
        public int BaselineRank { get; init; } = 20;
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Model)) throw new UsageException("--model is required: a model.simsid, checkpoint.simsid or ML.NET model zip.");
        var dataset = settings.OpenDataset();
        using var files = ModelFiles.Open(settings.Model, settings.Device);
        string output = settings.Out ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.Model))!, "eval");
        EvaluateWorkflow.Run(new EvaluateRequest(files.Model, settings.Model, dataset, output, !settings.NoBaseline, settings.BaselineRank, settings.Policy));
        return ExitCodes.Ok;
    }
}
