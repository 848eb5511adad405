using System.Text.RegularExpressions;

namespace SimSid.Torch.Import;

/// <summary>
/// How the parameter names of the reference PyTorch implementation map onto ours. Every reference
/// key either maps to one of our keys or is deliberately skipped (the in-painting block's unused 3x3
/// conv); anything else is unexpected.
/// </summary>
public static partial class ReferenceKeyMap
{
    /// <summary>Marker returned by the mappers for a reference key that is deliberately not imported.</summary>
    public const string Skipped = "<skipped>";

    private static readonly (Regex Pattern, string Replacement)[] GeneratorRules =
    [
        (new(@"^inpaint_block\.conv\.(weight|bias)$"), Skipped),
        (new(@"^in_conv\.conv\.(.+)$"), "encoder.stem.$1"),
        (new(@"^down_blocks\.(\d+)\.mpconv\.(.+)$"), "encoder.down.$1.$2"),
        (new(@"^up_blocks\.(\d+)\.conv\.(.+)$"), "student.stages.$1.block.$2"),
        (new(@"^teacher_ups\.(\d+)\.conv\.(.+)$"), "teacher.stages.$1.block.$2"),
        (new(@"^out_conv\.conv\.(weight|bias)$"), "student.output.$1"),
        (new(@"^teacher_out\.conv\.(weight|bias)$"), "teacher.output.$1"),
        (new(@"^memory_blocks\.(\d+)\.memory\.(\d+)\.memMatrix$"), "student.memories.$1.windows.$2.slots"),
        (new(@"^inpaint_block\.bottleneck_conv1\.0\.(.+)$"), "inpainting.reduce_conv.$1"),
        (new(@"^inpaint_block\.bottleneck_conv1\.1\.(.+)$"), "inpainting.reduce_norm.$1"),
        (new(@"^inpaint_block\.memory\.(\d+)\.memMatrix$"), "inpainting.memories.$1.slots"),
        (new(@"^inpaint_block\.attention\.(in_proj_weight|in_proj_bias|out_proj\.weight|out_proj\.bias)$"), "inpainting.attention.$1"),
        (new(@"^inpaint_block\.attn_norm1\.(.+)$"), "inpainting.attention_norm.$1"),
        (new(@"^inpaint_block\.ff\.0\.(.+)$"), "inpainting.ffn_in.$1"),
        (new(@"^inpaint_block\.ff\.3\.(.+)$"), "inpainting.ffn_out.$1"),
        (new(@"^inpaint_block\.attn_norm2\.(.+)$"), "inpainting.ffn_norm.$1"),
        (new(@"^inpaint_block\.bottleneck_conv2\.0\.(.+)$"), "inpainting.restore_conv.$1"),
        (new(@"^inpaint_block\.bottleneck_conv2\.1\.(.+)$"), "inpainting.restore_norm.$1"),
    ];

    // Inside every residual block (double_conv): conv1 = [conv, bn, relu], conv2 = [conv, bn, relu, conv, bn].
    private static readonly (string Reference, string Ours)[] BlockParts =
    [
        ("conv1.0.", "conv."), ("conv1.1.", "norm."),
        ("conv2.0.", "residual_conv1."), ("conv2.1.", "residual_norm1."),
        ("conv2.3.", "residual_conv2."), ("conv2.4.", "residual_norm2."),
    ];

    /// <summary>Our generator key for a reference generator key, <see cref="Skipped"/>, or null when unknown.</summary>
    public static string? MapGeneratorKey(string referenceKey)
    {
        foreach (var (pattern, replacement) in GeneratorRules)
        {
            if (!pattern.IsMatch(referenceKey)) continue;
            if (replacement == Skipped) return Skipped;
            var mapped = pattern.Replace(referenceKey, replacement);
            return IsBlockKey(referenceKey) ? MapBlockPart(mapped) : mapped;
        }
        return null;
    }

    /// <summary>Our discriminator key for a reference discriminator key, or null when unknown.</summary>
    public static string? MapDiscriminatorKey(string referenceKey)
    {
        var m = SequentialKey().Match(referenceKey);
        if (m.Success)
        {
            int index = int.Parse(m.Groups[1].Value);
            string rest = m.Groups[2].Value;
            // conv_model = [conv, lrelu, (conv, bn, lrelu) x layers]
            if (index == 0) return "stem." + rest;
            if (index >= 2 && (index - 2) % 3 == 0) return $"convs.{(index - 2) / 3}.{rest}";
            if (index >= 3 && (index - 3) % 3 == 0) return $"norms.{(index - 3) / 3}.{rest}";
            return null;
        }
        var r = RegressorKey().Match(referenceKey);
        return r.Success ? "classifier." + r.Groups[1].Value : null;
    }

    private static bool IsBlockKey(string key) =>
        key.StartsWith("in_conv.", StringComparison.Ordinal) || key.StartsWith("down_blocks.", StringComparison.Ordinal)
        || key.StartsWith("up_blocks.", StringComparison.Ordinal) || key.StartsWith("teacher_ups.", StringComparison.Ordinal);

    private static string? MapBlockPart(string key)
    {
        foreach (var (reference, ours) in BlockParts)
        {
            int at = key.LastIndexOf(reference, StringComparison.Ordinal);
            if (at >= 0 && key.IndexOf('.', at + reference.Length) < 0)
                return key[..at] + ours + key[(at + reference.Length)..];
        }
        return null;
    }

    [GeneratedRegex(@"^conv_model\.(\d+)\.(.+)$")]
    private static partial Regex SequentialKey();

    [GeneratedRegex(@"^regressor\.(weight|bias)$")]
    private static partial Regex RegressorKey();
}
