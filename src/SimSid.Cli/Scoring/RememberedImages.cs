using SimSid.Torch;
using Spectre.Console;

namespace SimSid.Cli.Scoring;

/// <summary>
/// Describes a model's remembered images before its first score, saying so first. A loaded model's feature memories
/// describe them with the pretrained network on first use, a minute or more for 1,000 images on 2 cores, which would
/// otherwise pass silently inside the first batch.
/// </summary>
internal static class RememberedImages
{
    /// <summary>Builds the memories <paramref name="modes"/> read, with a line first when that describes the remembered images.</summary>
    public static void DescribeFor(SimSidModel model, IEnumerable<ScoringMode> modes) =>
        model.BuildMemories(modes, images => AnsiConsole.MarkupLine(Markup.Escape(SimSidModel.DescribingInWords(images) + "...")));
}
