using System.ComponentModel;
using SimSid.Cli.Workflows;
using SimSid.Torch;
using SimSid.Torch.Training;
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
        public string? Preset { get; init; }

        /// <summary>Output folder.</summary>
        [CommandOption("-o|--out <DIR>")]
        [Description("Folder for model.simsid, checkpoint.simsid and training.json. Default: runs/<preset>.")]
        public string? Out { get; init; }

        /// <summary>Epochs.</summary>
        [CommandOption("-e|--epochs <N>")]
        [Description("Training epochs, trained whatever the training set's size. Default: the preset's (cpu: 12, fewer on a set of over 2,000 images: at most 1,500 steps)")]
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
        [Description("auto: chosen on the validation split (the best validation ROC-AUC), without one the preset's default (focal-and-diffuse for cpu, paper for the paper's presets); paper: the discriminator normalises each image with its own statistics, as the reference; eval-bn: the discriminator in eval mode; reconstruction: the reconstruction error, without the discriminator; patch-memory: each patch's distance to the normal training patches of its place, without a network; feature-memory: the same on pretrained ImageNet ResNet-18 features; memories: the mean of those two, each standardised; feature-memory-mean: distances to the remembered pretrained features averaged over the image, for diffuse findings (third-stage features in the cpu recipe); focal-and-diffuse: the mean of feature-memory and feature-memory-mean, each standardised (the last seven are not the paper's score). Default: the preset's (auto for cpu, paper for the paper's presets).")]
        public string? Scoring { get; init; }

        /// <summary>Skip validation.</summary>
        [CommandOption("--no-validation")]
        [Description("Do not validate each epoch (then the last epoch's model is kept and the threshold comes from training scores).")]
        public bool NoValidation { get; init; }

        /// <summary>Validate on the validation split as it is.</summary>
        [CommandOption("--keep-splits")]
        [Description("Validate on the validation split as it is. Without it, when the score is chosen on validation (auto) and the split holds fewer than 100 images of a class, it is lent abnormal training images (unused when training on normal images alone) and up to a tenth of the normal ones (which then leave the training set).")]
        public bool KeepSplits { get; init; }

        /// <summary>Resume.</summary>
        [CommandOption("--resume")]
        [Description("Continue the training saved in the output folder's checkpoint.simsid (same options; --epochs may grow).")]
        public bool Resume { get; init; }

        /// <summary>Memory for the training images (and for the validation images), in MiB.</summary>
        [CommandOption("--image-cache-mb <N>")]
        [Description("The most memory the decoded training images take, and the validation images again (held as 8-bit, 1 byte per pixel); images beyond it are read from a temporary file. Default: 1024.")]
        public int? ImageCacheMegabytes { get; init; }

        /// <summary>The options of this run.</summary>
        public SimSidOptions Options()
        {
            var o = PresetOption.Resolve(Preset, Device);
            var scoring = Scoring switch
            {
                null => o.Scoring,
                _ when Scoring.Equals("auto", StringComparison.OrdinalIgnoreCase) => o.Scoring with { ChooseModeOnValidation = true },
                _ => o.Scoring with
                {
                    ChooseModeOnValidation = false,
                    Mode = ScoringOption.Parse(Scoring, "auto"),
                },
            };
            return (o with
            {
                Seed = Seed ?? o.Seed,
                Training = o.Training with
                {
                    Epochs = Epochs ?? o.Training.Epochs,
                    // Epochs named are trained whatever the training set's size.
                    MaxSteps = Epochs is null ? o.Training.MaxSteps : null,
                    BatchSize = BatchSize ?? o.Training.BatchSize,
                    PositiveRatio = PositiveRatio ?? o.Training.PositiveRatio,
                },
                Scoring = scoring,
            }).Validate();
        }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = settings.Options();
        if (settings.ImageCacheMegabytes is < 0)
            throw new UsageException($"--image-cache-mb must be 0 or more (got {settings.ImageCacheMegabytes}).");
        long cacheBytes = settings.ImageCacheMegabytes is int megabytes ? (long)megabytes << 20 : ImageCache.DefaultMemoryBudgetBytes;
        TrainWorkflow.Run(new TrainRequest(settings.OpenDataset(), options, settings.Out ?? Path.Combine("runs", options.Preset),
            settings.Resume, !settings.NoValidation, settings.Policy, cacheBytes, settings.KeepSplits), cancellationToken);
        return ExitCodes.Ok;
    }
}
