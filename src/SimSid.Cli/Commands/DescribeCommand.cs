using System.ComponentModel;
using SimSid.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary><c>simsid describe</c>: a preset's architecture and parameter counts.</summary>
public sealed class DescribeCommand : Command<DescribeCommand.Settings>
{
    /// <summary>Settings of describe.</summary>
    public sealed class Settings : PresetSettings
    {
        /// <summary>Describe every preset.</summary>
        [CommandOption("--all")]
        [Description("Describe every preset.")]
        public bool All { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var presets = settings.All ? SimSidPresets.Names.Select(SimSidPresets.Get) : [settings.Options()];
        foreach (var options in presets)
        {
            var summary = ArchitectureSummary.Of(options);
            var n = options.Network;
            var table = new Table().Title($"SimSID preset [bold]{options.Preset}[/]: {n.ImageSize}x{n.ImageSize} grayscale, fr={n.FeaturesRoot}, L={n.Levels}, P={n.PatchGrid}")
                .AddColumn("Component").AddColumn(new TableColumn("Parameters").RightAligned()).AddColumn("Detail");
            foreach (var c in summary.Components)
                table.AddRow(Markup.Escape(c.Name), c.Parameters.ToString("N0"), Markup.Escape(c.Detail));
            table.AddRow("[bold]Generator total[/]", $"[bold]{summary.GeneratorParameters:N0}[/]", "");
            table.AddRow("[bold]Discriminator[/]", $"[bold]{summary.DiscriminatorParameters:N0}[/]", "");
            AnsiConsole.Write(table);
            var t = options.Training;
            AnsiConsole.MarkupLine(Markup.Escape(
                $"Training: {t.Epochs} epochs{(t.MaxSteps is int most ? $" (at most {most:N0} steps: fewer epochs on a larger training set)" : "")}, batch {t.BatchSize}, Adam lr {t.LearningRate:G3} cosine to {t.CosineEtaMin:G3} (T_max {t.CosineTMax}), " +
                $"generator every {t.CriticSteps} steps; loss weights recon {t.ReconstructionWeight}, teacher {t.TeacherReconstructionWeight}, " +
                $"distillation {t.DistillationWeight}, adversarial {t.AdversarialWeight}, discriminator {t.DiscriminatorLossWeight}; positive ratio {t.PositiveRatio}; " +
                $"keeps the {(t.KeepBestValidationEpoch ? "best validation" : "last")} epoch. Scoring: {options.Scoring.Mode.Describe()}" +
                (options.InputSize != n.ImageSize ? $"; the model takes {options.InputSize}x{options.InputSize} images, which the memories compare and the network sees averaged down to {n.ImageSize}x{n.ImageSize}." : ".")));
            var s = options.Scoring;
            AnsiConsole.MarkupLine(Markup.Escape(
                (s.ChooseModeOnValidation ? $"The score is chosen on the validation split when one is given, and is the {s.Mode.ShortName()} score otherwise. " : "") +
                $"Memories: up to {s.PatchMemoryImages:N0} training images; each place meets the remembered places up to {s.MemorySearchRadius} away" +
                (s.GradedPlaceMatching ? " (graded: a match further away counts less), " : ", ") +
                $"and the {s.MemoryBorder} places along each edge are not scored."));
            AnsiConsole.WriteLine();
        }
        return ExitCodes.Ok;
    }
}
