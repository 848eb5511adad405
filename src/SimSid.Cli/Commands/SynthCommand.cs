using System.ComponentModel;
using SimSid.Cli.Workflows;
using SimSid.Data.Synthetic;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary><c>simsid synth</c>: write the synthetic chest-radiograph dataset.</summary>
public sealed class SynthCommand : Command<SynthCommand.Settings>
{
    /// <summary>Settings of synth.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Output folder.</summary>
        [CommandOption("-o|--out <DIR>")]
        [Description("Folder to write (must not exist or be empty).")]
        [DefaultValue("data/synthetic")]
        public string Out { get; init; } = "data/synthetic";

        /// <summary>Seed.</summary>
        [CommandOption("--seed <N>")]
        [DefaultValue(2024UL)]
        public ulong Seed { get; init; } = 2024;

        /// <summary>Image side.</summary>
        [CommandOption("--size <PX>")]
        [DefaultValue(256)]
        public int Size { get; init; } = 256;

        /// <summary>Normal training images.</summary>
        [CommandOption("--train <N>")]
        [DefaultValue(1000)]
        public int Train { get; init; } = 1000;

        /// <summary>Validation images per class.</summary>
        [CommandOption("--val <N>")]
        [Description("Validation images per class (normal and abnormal).")]
        [DefaultValue(50)]
        public int Validation { get; init; } = 50;

        /// <summary>Test images per class.</summary>
        [CommandOption("--test <N>")]
        [Description("Test images per class (normal and abnormal).")]
        [DefaultValue(200)]
        public int Test { get; init; } = 200;

        /// <inheritdoc/>
        public override Spectre.Console.ValidationResult Validate() =>
            Size < 16 || Train < 1 || Validation < 0 || Test < 1
                ? Spectre.Console.ValidationResult.Error("--size must be at least 16, --train and --test at least 1, --val at least 0.")
                : Spectre.Console.ValidationResult.Success();

        /// <summary>The generator's options.</summary>
        public SyntheticDatasetOptions Options() => new()
        {
            Seed = Seed, ImageSize = Size, TrainNormal = Train,
            ValidationNormal = Validation, ValidationAbnormal = Validation, TestNormal = Test, TestAbnormal = Test,
        };
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        SynthesizeWorkflow.Run(settings.Out, settings.Options());
        return ExitCodes.Ok;
    }
}
