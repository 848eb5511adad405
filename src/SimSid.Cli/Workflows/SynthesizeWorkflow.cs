using System.Diagnostics;
using SimSid.Data.Synthetic;
using Spectre.Console;

namespace SimSid.Cli.Workflows;

/// <summary>Writes the synthetic chest-radiograph set.</summary>
internal static class SynthesizeWorkflow
{
    public static void Run(string folder, SyntheticDatasetOptions options)
    {
        AnsiConsole.MarkupLine(Markup.Escape(
            $"Writing synthetic chest radiographs to {folder}: {options.TrainNormal} normal training, " +
            $"{options.ValidationNormal}+{options.ValidationAbnormal} validation, {options.TestNormal}+{options.TestAbnormal} test images at {options.ImageSize} px (seed {options.Seed})..."));
        var clock = Stopwatch.StartNew();
        var cases = SyntheticDatasetWriter.Write(folder, options);
        AnsiConsole.MarkupLine(Markup.Escape($"Wrote {cases.Count} images and manifest.csv in {clock.Elapsed.TotalSeconds:F1} s."));
    }
}
