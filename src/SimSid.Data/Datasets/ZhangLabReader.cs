using SimSid.Data.Synthetic;

namespace SimSid.Data.Datasets;

/// <summary>
/// Reads the ZhangLab layout: <c>root/{train,val,test}/{NORMAL,&lt;abnormal class&gt;...}/*</c>; <c>val</c> may be left
/// out (the validation split is then empty) or hold one class. Every class folder other than NORMAL counts as abnormal, its name being the
/// record's finding (the reference reads only PNEUMONIA). Folder names match case-insensitively; class folders are
/// not searched recursively. When the root holds a synthetic set's <c>manifest.csv</c>, its
/// finding column names the findings instead.
/// </summary>
public static class ZhangLabReader
{
    /// <summary>The folder of normal images inside each split.</summary>
    public const string NormalFolderName = "NORMAL";

    private static readonly (DatasetSplit Split, string Folder)[] SplitFolders =
    [
        (DatasetSplit.Train, "train"), (DatasetSplit.Validation, "val"), (DatasetSplit.Test, "test"),
    ];

    /// <summary>Whether <paramref name="root"/> looks like this layout (has a train, val or test folder).</summary>
    public static bool Matches(string root) =>
        SplitFolders.Any(s => ImageFolder.FindFolder(root, s.Folder) is not null);

    /// <summary>Reads the dataset at <paramref name="root"/>.</summary>
    /// <exception cref="DatasetLayoutException">
    /// The train or test split, their NORMAL folders or their images are missing, or the test split lacks a class.
    /// </exception>
    public static RadiographDataset Read(string root)
    {
        DatasetReader.RequireFolder(root);
        var manifestFindings = ReadManifestFindings(root);
        var splits = new Dictionary<DatasetSplit, (List<RadiographRecord> Normal, List<RadiographRecord> Abnormal)>();
        foreach (var (split, name) in SplitFolders)
        {
            string? splitFolder = ImageFolder.FindFolder(root, name);
            if (splitFolder is null)
            {
                if (split != DatasetSplit.Validation)
                    throw new DatasetLayoutException(root, $"The dataset at '{root}' has no '{name}' folder. Expected {LayoutDescriptions.ZhangLab}.");
                splits[split] = ([], []);
                continue;
            }
            // The validation split may hold one class or none: train lends it training images or trains without it.
            bool optional = split == DatasetSplit.Validation;
            string? normalFolder = ImageFolder.FindFolder(splitFolder, NormalFolderName);
            if (normalFolder is null && !optional)
                throw new DatasetLayoutException(root, $"'{splitFolder}' has no {NormalFolderName} folder. Expected {LayoutDescriptions.ZhangLab}.");

            var normal = (normalFolder is null ? [] : optional ? ImageFolder.ListImages(normalFolder)
                    : SplitRequirements.RequireImages(root, normalFolder, LayoutDescriptions.ZhangLab))
                .Select(p => new RadiographRecord(p, false))
                .ToList();
            var abnormal = new List<RadiographRecord>();
            foreach (string classFolder in ImageFolder.ListFolders(splitFolder).Where(f => f != normalFolder))
            {
                string className = Path.GetFileName(classFolder);
                abnormal.AddRange(ImageFolder.ListImages(classFolder).Select(p =>
                    new RadiographRecord(p, true, FindingOf(root, p, manifestFindings) ?? className)));
            }

            if (split == DatasetSplit.Test)
            {
                SplitRequirements.RequireBothClasses(root, splitFolder, [.. normal, .. abnormal], LayoutDescriptions.ZhangLab);
            }

            splits[split] = (normal, abnormal);
        }

        return new RadiographDataset(
            root,
            DatasetLayout.ZhangLab,
            splits[DatasetSplit.Train].Normal,
            splits[DatasetSplit.Train].Abnormal,
            [.. splits[DatasetSplit.Validation].Normal, .. splits[DatasetSplit.Validation].Abnormal],
            [.. splits[DatasetSplit.Test].Normal, .. splits[DatasetSplit.Test].Abnormal]);
    }

    private static IReadOnlyDictionary<string, string>? ReadManifestFindings(string root)
    {
        try
        {
            return SyntheticManifest.TryReadFindings(root);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new DatasetLayoutException(root, $"Cannot read the synthetic manifest of '{root}': {e.Message}");
        }
    }

    private static string? FindingOf(string root, string path, IReadOnlyDictionary<string, string>? manifestFindings)
    {
        if (manifestFindings is null)
        {
            return null;
        }

        string relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        return manifestFindings.GetValueOrDefault(relative);
    }
}
