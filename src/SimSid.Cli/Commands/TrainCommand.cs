using System.ComponentModel;
using SimSid.Cli.Workflows;
using SimSid.Torch;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary><c>simsid train</c>: train a model on a dataset's normal training images.</summary>
public sealed class TrainCommand : Command<TrainCommand.Settings>
{
    /// <summary>Settings of train.</summary>
    public sealed class Settings : DataSettings
    {
        /// <summary>The preset.</summary>
        [CommandOption("-p|--preset <NAME>")]
        [Description(PresetOption.Description)]
        [DefaultValue(PresetOption.Default)]
        public string Preset { get; init; } = PresetOption.Default;

        /// <summary>Output folder.</summary>
        [CommandOption("-o|--out <DIR>")]
        [Description("Folder for model.simsid, checkpoint.simsid and training.json. Default: runs/<preset>.")]
        public string? Out { get; init; }

        /// <summary>Epochs.</summary>
        [CommandOption("-e|--epochs <N>")]
        [Description("Training epochs. Default: the preset's.")]
        public int? Epochs { get; init; }

        /// <summary>Batch size.</summary>
        [CommandOption("--batch-size <N>")]
        [Description("Images per step. Default: the preset's.")]
        public int? BatchSize { get; init; }

        /// <summary>Seed.</summary>
        [CommandOption("--seed <N>")]
        public int? Seed { get; init; }

        /// <summary>Fraction of normal training images.</summary>
        [CommandOption("--positive-ratio <R>")]
        [Description("Fraction of the training set that is normal; below 1 abnormal training images are mixed in (contaminated training). Default: the preset's.")]
        public double? PositiveRatio { get; init; }

        /// <summary>Scoring mode.</summary>
        [CommandOption("--scoring <MODE>")]
        [Description("paper: the discriminator normalises each image with its own statistics, as the reference; eval-bn: the discriminator in eval mode; reconstruction: the reconstruction error, without the discriminator (not the paper's score). Default: the preset's (paper).")]
        public string? Scoring { get; init; }

        /// <summary>Skip validation.</summary>
        [CommandOption("--no-validation")]
        [Description("Do not validate each epoch (then the last epoch's model is kept and the threshold comes from training scores).")]
        public bool NoValidation { get; init; }

        /// <summary>Resume.</summary>
        [CommandOption("--resume")]
        [Description("Continue the training saved in the output folder's checkpoint.simsid (same options; --epochs may grow).")]
        public bool Resume { get; init; }

        /// <summary>The options of this run.</summary>
        public SimSidOptions Options()
        {
            var o = PresetOption.Resolve(Preset, Device);
            var mode = Scoring?.ToLowerInvariant() switch
            {
                null => o.Scoring.Mode,
                "paper" => ScoringMode.Paper,
                "eval-bn" => ScoringMode.DiscriminatorEvalMode,
                "reconstruction" => ScoringMode.ReconstructionError,
                _ => throw new UsageException($"--scoring must be \"paper\", \"eval-bn\" or \"reconstruction\" (got \"{Scoring}\")."),
            };
            return (o with
            {
                Seed = Seed ?? o.Seed,
                Training = o.Training with
                {
                    Epochs = Epochs ?? o.Training.Epochs,
                    BatchSize = BatchSize ?? o.Training.BatchSize,
                    PositiveRatio = PositiveRatio ?? o.Training.PositiveRatio,
                },
                Scoring = o.Scoring with { Mode = mode },
            }).Validate();
        }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = settings.Options();
        TrainWorkflow.Run(new TrainRequest(settings.OpenDataset(), options, settings.Out ?? Path.Combine("runs", options.Preset),
            settings.Resume, !settings.NoValidation, settings.Policy), cancellationToken);
        return ExitCodes.Ok;
    }
}
