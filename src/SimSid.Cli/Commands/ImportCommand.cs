using System.ComponentModel;
using SimSid.Torch;
using SimSid.Torch.Import;
using SimSid.Torch.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary>
/// <c>simsid import</c>: turn a checkpoint trained with the reference PyTorch code (its model.pth and
/// discriminator.pth state dicts) into a SimSID model file, calibrated on the training images.
/// </summary>
public sealed class ImportCommand : Command<ImportCommand.Settings>
{
    /// <summary>Settings of import.</summary>
    public sealed class Settings : DataSettings
    {
        /// <summary>The preset the reference checkpoint was trained with.</summary>
        [CommandOption("-p|--preset <NAME>")]
        [Description("The configuration the reference checkpoint was trained with: zhang (zhang_dev.py), chexpert (chexpert_best.py), covidx (covidx_dev.py), or small.")]
        [DefaultValue("zhang")]
        public string Preset { get; init; } = "zhang";

        /// <summary>Generator state dict.</summary>
        [CommandOption("--generator <FILE>")]
        [Description("The reference's generator state dict (checkpoints/<exp>/model.pth).")]
        public string? Generator { get; init; }

        /// <summary>Discriminator state dict.</summary>
        [CommandOption("--discriminator <FILE>")]
        [Description("The reference's discriminator state dict (checkpoints/<exp>/discriminator.pth).")]
        public string? Discriminator { get; init; }

        /// <summary>Output model file.</summary>
        [CommandOption("-o|--out <FILE>")]
        [DefaultValue("imported.simsid")]
        public string Out { get; init; } = "imported.simsid";
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Generator is null || settings.Discriminator is null)
            throw new UsageException("--generator and --discriminator are required: the reference's model.pth and discriminator.pth.");
        var options = PresetOption.Resolve(settings.Preset, settings.Device);
        var dataset = settings.OpenDataset();
        using var model = SimSidModel.Create(options);
        var generator = ReferenceCheckpoint.LoadGenerator(model.Generator, settings.Generator);
        ReferenceCheckpoint.LoadDiscriminator(model.Discriminator, settings.Discriminator);
        AnsiConsole.MarkupLine(Markup.Escape($"Imported {generator.Imported} generator tensors (skipped the reference's unused {string.Join(", ", generator.Skipped)}) and the discriminator."));

        int size = options.InputSize;
        // Held 8-bit within the default image cache's budget, however large the split (the rest in a temporary file).
        using var training = DatasetImages.Cache(DatasetImages.TrainingRecords(dataset, options.Training.PositiveRatio), size, settings.Policy,
            ImageCache.DefaultMemoryBudgetBytes, "training");
        using var validation = dataset.Validation.Count > 0
            ? DatasetImages.CacheLabeled(dataset.Validation, size, settings.Policy, ImageCache.DefaultMemoryBudgetBytes, "validation")
            : null;
        AnsiConsole.MarkupLine("Calibrating the scores on the training images and choosing the threshold...");
        Calibration.Calibrate(model, training, validation?.Images);
        model.Save(settings.Out);
        AnsiConsole.MarkupLine(Markup.Escape($"Saved {settings.Out}; {model.Threshold}."));
        return ExitCodes.Ok;
    }
}
