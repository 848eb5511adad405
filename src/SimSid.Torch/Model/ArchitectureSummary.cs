using System.Text;
using SimSid.Torch.Network;
using static TorchSharp.torch;

namespace SimSid.Torch;

/// <summary>One component of the network and its parameter count.</summary>
/// <param name="Name">The component, as the paper names it.</param>
/// <param name="Parameters">Learned parameters.</param>
/// <param name="Detail">Shapes and sizes that matter.</param>
public sealed record ComponentSummary(string Name, long Parameters, string Detail);

/// <summary>A readable account of the network a set of options builds, with parameter counts.</summary>
public sealed record ArchitectureSummary(SimSidOptions Options, IReadOnlyList<ComponentSummary> Components, long GeneratorParameters, long DiscriminatorParameters)
{
    /// <summary>Builds the network of <paramref name="options"/> on the CPU and counts its parameters.</summary>
    public static ArchitectureSummary Of(SimSidOptions options)
    {
        options.Validate();
        var n = options.Network;
        using var scope = NewDisposeScope();
        using var generator = new SimSidGenerator(n);
        using var discriminator = new Discriminator(n);
        long Count(string prefix) => generator.named_parameters().Where(p => p.name.StartsWith(prefix, StringComparison.Ordinal)).Sum(p => p.parameter.numel());

        string widths = string.Join(", ", Enumerable.Range(0, n.Levels + 1).Select(n.Width));
        int memorySide = n.BottleneckSize * 2 / (int)Math.Sqrt(n.DecoderMemoryWindows);
        var decoderMemories = Enumerable.Range(0, n.DecoderMemoryStages)
            .Select(i => $"stage {i}: {n.DecoderMemoryWindows} x {n.DecoderMemorySlots} x {n.Width(n.Levels - i - 1) * (memorySide << i) * (memorySide << i)}");
        var components = new List<ComponentSummary>
        {
            new("Encoder", Count("encoder."),
                $"{n.WindowCount} windows of {n.WindowSize}x{n.WindowSize}; residual blocks, widths {widths}; bottleneck {n.BottleneckSize}x{n.BottleneckSize}"),
            new("In-painting block", Count("inpainting."),
                $"{n.WindowCount} {(n.InpaintingUsesQueue ? "memory queues" : "learned memories")} of {n.InpaintingSlots} x {n.InpaintingChannels} (top-{n.InpaintingTopK}); " +
                $"{n.AttentionHeads}-head attention over 8 neighbours; {n.PositionCodeBits}-bit position code; mask ratio {n.InpaintingMaskRatio}"),
            new("Student decoder", Count("student."),
                $"{n.Levels} stages, skips concatenated in the first {n.ConcatSkipStages}, windows stitched before stage {n.Levels - n.InitialCombine}; " +
                $"space-aware memories (sub-windows x slots x dim) {string.Join("; ", decoderMemories)}"),
        };
        if (n.TeacherDecoder)
            components.Add(new("Teacher decoder", Count("teacher."), "same stages, no in-painting and no memories; self-distillation only"));
        components.Add(new("Discriminator", discriminator.parameters().Sum(p => p.numel()),
            $"conv5x5/2 to 16, then {n.DiscriminatorLayers} x conv5x5/2 + BatchNorm to {string.Join(", ", Enumerable.Range(0, n.DiscriminatorLayers).Select(NetworkOptions.DiscriminatorWidth))}; " +
            $"linear on {n.DiscriminatorOutputSize}x{n.DiscriminatorOutputSize}"));
        return new ArchitectureSummary(options, components, generator.parameters().Sum(p => p.numel()), components[^1].Parameters);
    }

    /// <summary>The summary as plain text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var n = Options.Network;
        text.AppendLine($"SimSID preset \"{Options.Preset}\": {n.ImageSize}x{n.ImageSize} grayscale, features root {n.FeaturesRoot}, {n.Levels} levels, {n.PatchGrid}x{n.PatchGrid} windows" +
            (Options.InputSize != n.ImageSize ? $"; takes {Options.InputSize}x{Options.InputSize} images, which the memories compare" : ""));
        foreach (var c in Components) text.AppendLine($"  {c.Name,-18} {c.Parameters,12:N0}  {c.Detail}");
        text.AppendLine($"  {"Generator total",-18} {GeneratorParameters,12:N0}");
        text.AppendLine($"  {"Discriminator",-18} {DiscriminatorParameters,12:N0}");
        var t = Options.Training;
        text.Append($"Training: {t.Epochs} epochs, batch {t.BatchSize}, Adam lr {t.LearningRate:G3} (cosine to {t.CosineEtaMin:G3} over {t.CosineTMax}), generator every {t.CriticSteps} steps");
        return text.ToString();
    }
}
