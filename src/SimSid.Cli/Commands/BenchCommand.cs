using System.ComponentModel;
using System.Text.Json;
using SimSid.Torch.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary><c>simsid bench</c>: training-step time and scoring throughput of a preset.</summary>
public sealed class BenchCommand : Command<BenchCommand.Settings>
{
    /// <summary>Settings of bench.</summary>
    public sealed class Settings : PresetSettings
    {
        /// <summary>Timed training steps.</summary>
        [CommandOption("--steps <N>")]
        [Description("Training steps to time after 2 warm-up steps (half of them also train the generator).")]
        [DefaultValue(6)]
        public int Steps { get; init; } = 6;

        /// <summary>Batches scored.</summary>
        [CommandOption("--scoring-batches <N>")]
        [Description("Batches of 16 images scored for the throughput.")]
        [DefaultValue(4)]
        public int ScoringBatches { get; init; } = 4;

        /// <summary>Where to write the result as JSON.</summary>
        [CommandOption("--json <FILE>")]
        [Description("Also write the result as JSON to this file.")]
        public string? Json { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            Steps < 1 || ScoringBatches < 1 ? ValidationResult.Error("--steps and --scoring-batches must be at least 1.") : ValidationResult.Success();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = settings.Options();
        AnsiConsole.MarkupLine($"Benchmarking preset [bold]{Markup.Escape(options.Preset)}[/] on {Markup.Escape(options.Device)}...");
        var result = SimSidBenchmark.Run(options, settings.Steps, scoringBatches: settings.ScoringBatches,
            log: line => AnsiConsole.MarkupLine("  " + Markup.Escape(line)));
        var table = new Table().AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned())
            .AddRow("Preset / device / threads", $"{result.Preset} / {result.Device} / {result.Threads}")
            .AddRow("Generator parameters", result.GeneratorParameters.ToString("N0"))
            .AddRow($"Train step, batch {result.BatchSize}, discriminator + generator", $"{result.GeneratorStepSeconds:F3} s")
            .AddRow($"Train step, batch {result.BatchSize}, discriminator only", $"{result.DiscriminatorStepSeconds:F3} s")
            .AddRow($"Train step, batch {result.BatchSize}, mean ({result.MeasuredSteps} steps)", $"{result.MeanStepSeconds:F3} s")
            .AddRow($"Scoring throughput, batch {result.BatchSize}", $"{result.ScoringImagesPerSecond:F1} images/s")
            .AddRow("Scoring latency, one image", $"{result.SingleImageSeconds:F3} s");
        AnsiConsole.Write(table);
        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(settings.Json)}[/].");
        }
        return ExitCodes.Ok;
    }
}
