using System.ComponentModel;
using System.Text.Json;
using SimSid.Cli.Benchmarks;
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

        /// <summary>Soak steps.</summary>
        [CommandOption("--soak <STEPS>")]
        [Description("Also train this many steps as train does (validation, calibration and a checkpoint every 20-step epoch), then score this many single images in every mode of the trained model, and sample process memory and live tensors every 100 steps and images (memory must stay flat).")]
        public int? Soak { get; init; }

        /// <summary>Profile the training step.</summary>
        [CommandOption("--profile")]
        [Description("Also report where a training step's time goes: forward and backward time of each module (encoder, memories, in-painting block, decoders, discriminator) per step.")]
        public bool Profile { get; init; }

        /// <summary>Compare the ML.NET transformer.</summary>
        [CommandOption("--mlnet")]
        [Description("Also compare the ML.NET transformer's scoring throughput with the batched scorer it wraps, and one image at a time (an ML.NET prediction engine against SimSidModel.Score).")]
        public bool MlNet { get; init; }

        /// <summary>Folder whose images time the folder scorer.</summary>
        [CommandOption("--folder <DIR>")]
        [Description("Also time scoring this folder's first --folder-images images as score does (decoding and CSV included) against the network alone on the decoded images, in 5 rounds of one then the other (the ratio is their median); needs --model.")]
        public string? Folder { get; init; }

        /// <summary>Images of --folder timed.</summary>
        [CommandOption("--folder-images <N>")]
        [Description("Images of --folder to time.")]
        [DefaultValue(2000)]
        public int FolderImages { get; init; } = 2000;

        /// <summary>Trained model for --folder.</summary>
        [CommandOption("--model <FILE>")]
        [Description("A trained model (model.simsid, checkpoint or ML.NET zip) for --folder.")]
        public string? Model { get; init; }

        /// <summary>Where to write the result as JSON.</summary>
        [CommandOption("--json <FILE>")]
        [Description("Also write the result as JSON to this file.")]
        public string? Json { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            Steps < 2 ? ValidationResult.Error("--steps must be at least 2: half of the timed steps train the discriminator only, half also the generator.")
            : ScoringBatches < 1 ? ValidationResult.Error("--scoring-batches must be at least 1.")
            : Folder is not null && Model is null ? ValidationResult.Error("--folder needs --model: the trained model to score the folder with.")
            : FolderImages < 1 ? ValidationResult.Error("--folder-images must be at least 1.")
            : ValidationResult.Success();
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
            .AddRow("CPU convolution kernels", Markup.Escape(result.Kernels))
            .AddRow(".NET code", Markup.Escape(result.ManagedCode))
            .AddRow("Generator parameters", result.GeneratorParameters.ToString("N0"))
            .AddRow($"Train step, batch {result.BatchSize}, discriminator + generator", $"{result.GeneratorStepSeconds:F3} s")
            .AddRow($"Train step, batch {result.BatchSize}, discriminator only", $"{result.DiscriminatorStepSeconds:F3} s")
            .AddRow($"Train step, batch {result.BatchSize}, mean ({result.MeasuredSteps} steps)", $"{result.MeanStepSeconds:F3} s")
            .AddRow($"Scoring throughput, batch {result.BatchSize}", $"{result.ScoringImagesPerSecond:F1} images/s")
            .AddRow("Scoring latency, one image", $"{result.SingleImageSeconds:F3} s");
        AnsiConsole.Write(table);

        StepProfile? profile = null;
        if (settings.Profile)
        {
            AnsiConsole.MarkupLine("Profiling the training step...");
            profile = StepProfiler.Run(options, settings.Steps, log: line => AnsiConsole.MarkupLine("  " + Markup.Escape(line)));
            AnsiConsole.Write(ProfileTable(profile));
        }

        MlNetThroughputResult? mlnet = null;
        if (settings.MlNet)
        {
            AnsiConsole.MarkupLine("Comparing the ML.NET transformer with the batched scorer...");
            mlnet = MlNetThroughput.Run(options);
            AnsiConsole.MarkupLine(Markup.Escape($"Scoring {mlnet.Images} images in batches of {mlnet.BatchSize}: SimSidModel.Score {mlnet.TorchImagesPerSecond:F1} images/s, " +
                $"ML.NET Transform + cursor {mlnet.MlNetImagesPerSecond:F1} images/s ({mlnet.Ratio:P0}). One image at a time: " +
                $"SimSidModel.Score {mlnet.TorchOneImageSeconds * 1000:F1} ms, ML.NET prediction engine {mlnet.PredictionEngineOneImageSeconds * 1000:F1} ms."));
        }

        MemorySoakResult? soak = null;
        if (settings.Soak is int steps)
        {
            AnsiConsole.MarkupLine($"Soaking {steps} training steps, validating, calibrating and checkpointing every epoch as train does, then scoring {steps} single images...");
            static Action<MemorySample> Print(string what) =>
                s => AnsiConsole.MarkupLine(Markup.Escape($"  {what} {s.Step,6}: {s.ResidentMiB,8:F1} MiB resident, {s.LiveTensors} live tensors"));
            soak = MemorySoak.Run(options, steps, log: Print("step"), scoringLog: Print("scored"));
            AnsiConsole.MarkupLine(Markup.Escape($"Over {soak.Steps} steps: resident memory trend {soak.Trend:+0.0%;-0.0%} (first to last quarter, medians), " +
                $"largest excursion {soak.MaxExcursion:P1}; live tensors changed by {soak.LiveTensorsChange} ({soak.Validations} validations, {soak.Checkpoints} checkpoints)."));
            var scoring = soak.Scoring;
            AnsiConsole.MarkupLine(Markup.Escape($"Over {scoring.Images} single images, each scored in {scoring.Modes.Count} modes: resident memory trend {scoring.Trend:+0.0%;-0.0%}, " +
                $"largest excursion {scoring.MaxExcursion:P1}; live tensors changed by {scoring.LiveTensorsChange}."));
        }

        FolderThroughputResult? folder = null;
        if (settings.Folder is not null)
        {
            AnsiConsole.MarkupLine($"Timing the folder scorer on {Markup.Escape(settings.Folder)} against the network alone...");
            using var files = ModelFiles.Open(settings.Model!, options.Device);
            folder = FolderThroughput.Run(files.Model, settings.Folder, settings.FolderImages, batchSize: 64);
            AnsiConsole.MarkupLine(Markup.Escape($"Scoring {folder.Images} images in batches of {folder.BatchSize}, {FolderThroughput.Rounds} rounds: the network alone {folder.ModelImagesPerSecond:F1} images/s, " +
                $"the folder scorer (decoding and CSV included) {folder.FolderImagesPerSecond:F1} images/s; ratio {folder.Ratio:F3} " +
                $"(median of {string.Join(", ", folder.RoundRatios.Select(r => r.ToString("F3")))})."));
        }

        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, JsonSerializer.Serialize(new { speed = result, profile, mlnet, soak, folder }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(settings.Json)}[/].");
        }
        return ExitCodes.Ok;
    }

    private static Table ProfileTable(StepProfile profile)
    {
        var table = new Table().AddColumn("Module").AddColumn(new TableColumn("Calls/step").RightAligned())
            .AddColumn(new TableColumn("Forward ms").RightAligned()).AddColumn(new TableColumn("Backward ms").RightAligned())
            .AddColumn(new TableColumn("Total ms").RightAligned()).AddColumn(new TableColumn("Share").RightAligned());
        string Row(double seconds) => (seconds * 1000).ToString("F1");
        foreach (var m in profile.Modules)
            table.AddRow(new string(' ', 2 * m.Depth) + m.Module, m.CallsPerStep.ToString("0.#"), Row(m.ForwardSeconds), Row(m.BackwardSeconds),
                Row(m.TotalSeconds), (m.TotalSeconds / profile.StepSeconds).ToString("P0"));
        table.AddRow("rest (losses, optimisers, augmentation, queue writes)", "", "", "", Row(profile.RestSeconds), (profile.RestSeconds / profile.StepSeconds).ToString("P0"));
        table.AddRow($"step, batch {profile.BatchSize} (mean of {profile.MeasuredSteps})", "", "", "", Row(profile.StepSeconds), "100%");
        return table;
    }
}
