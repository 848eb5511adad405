namespace SimSid.Data.Synthetic;

/// <summary>
/// Lays out the images of a synthetic dataset: names, findings and per-image seeds. Abnormal
/// images cycle through the findings, and through the severities once per cycle of findings,
/// so every finding and severity is equally represented.
/// </summary>
public static class SyntheticDatasetPlan
{
    /// <summary>Folder of the abnormal images in the validation and test splits.</summary>
    public const string AbnormalFolderName = "ABNORMAL";

    /// <summary>Folder of the normal images in every split.</summary>
    public const string NormalFolderName = "NORMAL";

    /// <summary>Every image of the dataset, in split order (train, val, test), normal before abnormal.</summary>
    public static IReadOnlyList<SyntheticCase> Cases(SyntheticDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cases = new List<SyntheticCase>();
        AddSplit(cases, options, "train", 0, options.TrainNormal, 0);
        AddSplit(cases, options, "val", 1, options.ValidationNormal, options.ValidationAbnormal);
        AddSplit(cases, options, "test", 2, options.TestNormal, options.TestAbnormal);
        return cases;
    }

    private static void AddSplit(List<SyntheticCase> cases, SyntheticDatasetOptions options, string split, ulong splitId, int normal, int abnormal)
    {
        for (int i = 0; i < normal; i++)
        {
            cases.Add(new SyntheticCase(
                $"{split}/{NormalFolderName}/normal-{i:D5}.png", split, SyntheticFinding.None, 0,
                DeterministicRandom.DeriveSeed(options.Seed, splitId, 0, (ulong)i)));
        }

        int findingCount = options.Findings.Count;
        for (int i = 0; i < abnormal; i++)
        {
            var finding = options.Findings[i % findingCount];
            int severity = 1 + (i / findingCount % SyntheticChestRadiograph.MaxSeverity);
            cases.Add(new SyntheticCase(
                $"{split}/{AbnormalFolderName}/abnormal-{i:D5}.png", split, finding, severity,
                DeterministicRandom.DeriveSeed(options.Seed, splitId, 1, (ulong)i)));
        }
    }
}
