using System.ComponentModel;
using System.Diagnostics;
using SimSid.Cli.Workflows;
using SimSid.Data.Datasets;
using SimSid.Data.Synthetic;
using SimSid.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary>
/// <c>simsid demo</c>, the main job: write the synthetic dataset, train SimSID's CPU recipe on its normal
/// images, evaluate it beside the pixel-PCA baseline, and print the metrics, the time of each phase and the
/// report's path.
/// </summary>
public sealed class DemoCommand : Command<DemoCommand.Settings>
{
    /// <summary>Settings of demo.</summary>
    public sealed class Settings : DeviceSettings
    {
        /// <summary>Output folder.</summary>
        [CommandOption("-o|--out <DIR>")]
        [Description("Folder for the data, the model and the report.")]
        [DefaultValue("runs/demo")]
        public string Out { get; init; } = "runs/demo";

        /// <summary>Epochs.</summary>
        [CommandOption("-e|--epochs <N>")]
        [Description("Training epochs. Default: the preset's.")]
        public int? Epochs { get; init; }

        /// <summary>Preset.</summary>
        [CommandOption("-p|--preset <NAME>")]
        [Description("Preset to train instead of the CPU recipe (e.g. zhang on a GPU).")]
        public string? Preset { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var phases = new List<(string Name, TimeSpan Time)>();
        void Phase(string name) => phases.Add((name, clock.Elapsed - phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Time)));
        var options = settings.Preset is null ? DemoConfiguration.Options(settings.Device) : PresetOption.Resolve(settings.Preset, settings.Device);
        if (settings.Epochs is int epochs) options = (options with { Training = options.Training with { Epochs = epochs } }).Validate();

        string data = Path.Combine(settings.Out, "data");
        if (File.Exists(Path.Combine(data, "manifest.csv")))
            AnsiConsole.MarkupLine(Markup.Escape($"Using the synthetic dataset already in {data}."));
        else
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
            SynthesizeWorkflow.Run(data, DemoConfiguration.Data);
        }
        var dataset = DatasetReader.Open(data);
        Phase("synthesis");

        string modelFolder = Path.Combine(settings.Out, "model");
        string modelPath = TrainWorkflow.Run(new TrainRequest(dataset, options, modelFolder, Resume: false, UseValidation: true, BadFilePolicy.Throw), cancellationToken);
        Phase("training");
        using var model = SimSidModel.Load(modelPath, settings.Device);
        var (methods, report) = EvaluateWorkflow.Run(new EvaluateRequest(model, modelPath, dataset, Path.Combine(settings.Out, "report"),
            Baseline: true, BaselineRank: DemoConfiguration.BaselineRank, BadFilePolicy.Throw));
        Phase("evaluation and report");

        var simsid = methods[0];
        double baseline = methods[1].Evaluation.Auc;
        var others = string.Concat(methods.Skip(2).Select(m => $"; {m.Name} {m.Evaluation.Auc:F3}"));
        AnsiConsole.MarkupLine(Markup.Escape($"ROC-AUC on the synthetic test split: {simsid.Name} {simsid.Evaluation.Auc:F3}, pixel-PCA baseline {baseline:F3} (difference {simsid.Evaluation.Auc - baseline:+0.000;-0.000}){others}."));
        AnsiConsole.MarkupLine(Markup.Escape($"Time: {string.Join(", ", phases.Select(p => $"{p.Name} {Durations.Format(p.Time)}"))}; in all {Durations.Format(clock.Elapsed)}."));
        AnsiConsole.MarkupLine($"Open the report: [bold]{Markup.Escape(Path.GetFullPath(report))}[/]");
        return ExitCodes.Ok;
    }
}
