namespace SimSid.Data.Synthetic;

/// <summary>One image of a synthetic dataset: where it goes and how to render it.</summary>
/// <param name="File">Path relative to the dataset root, with '/' separators (e.g. "test/ABNORMAL/abnormal-00012.png").</param>
/// <param name="Split">"train", "val" or "test".</param>
/// <param name="Finding">What it shows; <see cref="SyntheticFinding.None"/> for normal images.</param>
/// <param name="Severity">0 for normal images, else 1 (mild) to 3 (severe).</param>
/// <param name="Seed">The seed that, with the finding and severity, renders exactly this image.</param>
public sealed record SyntheticCase(string File, string Split, SyntheticFinding Finding, int Severity, ulong Seed)
{
    /// <summary>Whether the image is abnormal.</summary>
    public bool IsAbnormal => Finding != SyntheticFinding.None;
}
