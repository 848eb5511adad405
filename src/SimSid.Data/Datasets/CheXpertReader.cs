using System.Text.RegularExpressions;

namespace SimSid.Data.Datasets;

/// <summary>
/// Reads the CheXpert layout the reference uses: one folder per split named
/// <c>&lt;split&gt;_256_&lt;view&gt;</c> (e.g. <c>train_256_pa</c>, <c>val_256_pa</c>, <c>our_test_256_pa</c>),
/// each with <c>normal_256/</c> and <c>abnormal_256/</c> and an optional <c>diseases.txt</c> whose
/// lines read <c>file/Finding1/Finding2...</c> for files of <c>abnormal_256/</c>.
/// </summary>
public static partial class CheXpertReader
{
    /// <summary>Folder of normal images in each split.</summary>
    public const string NormalFolderName = "normal_256";

    /// <summary>Folder of abnormal images in each split.</summary>
    public const string AbnormalFolderName = "abnormal_256";

    /// <summary>Per-split list of the findings of abnormal images.</summary>
    public const string DiseasesFileName = "diseases.txt";

    /// <summary>Whether <paramref name="root"/> looks like this layout (has a <c>*_256_*</c> folder).</summary>
    public static bool Matches(string root) =>
        ImageFolder.ListFolders(root).Any(f => SplitFolderPattern().IsMatch(Path.GetFileName(f)));

    /// <summary>Reads the dataset at <paramref name="root"/>.</summary>
    /// <exception cref="DatasetLayoutException">
    /// The train or test folder, one of their class folders or images, or the requested finding is missing (the validation
    /// split may be left out or hold one class).
    /// </exception>
    public static RadiographDataset Read(string root, DatasetReaderOptions? options = null)
    {
        options ??= new DatasetReaderOptions();
        DatasetReader.RequireFolder(root);
        var folders = FindSplitFolders(root, options.CheXpertView);

        var (trainNormal, trainAbnormal) = ReadSplit(root, folders[DatasetSplit.Train], DatasetSplit.Train);
        // The validation split may be left out or hold one class: train lends it training images or trains without it.
        var (valNormal, valAbnormal) = folders.TryGetValue(DatasetSplit.Validation, out string? validationFolder)
            ? ReadSplit(root, validationFolder, DatasetSplit.Validation)
            : ([], []);
        var (testNormal, testAbnormal) = ReadSplit(root, folders[DatasetSplit.Test], DatasetSplit.Test);
        List<RadiographRecord> test = [.. testNormal, .. testAbnormal];
        if (options.TestFinding is { } finding)
        {
            test = SelectFinding(root, folders[DatasetSplit.Test], test, finding);
        }

        SplitRequirements.RequireBothClasses(root, folders[DatasetSplit.Test], test, LayoutDescriptions.CheXpert);
        return new RadiographDataset(
            root, DatasetLayout.CheXpert, trainNormal, trainAbnormal, [.. valNormal, .. valAbnormal], test);
    }

    private static Dictionary<DatasetSplit, string> FindSplitFolders(string root, string view)
    {
        var found = new Dictionary<DatasetSplit, List<string>>();
        foreach (string folder in ImageFolder.ListFolders(root))
        {
            var match = SplitFolderPattern().Match(Path.GetFileName(folder));
            if (!match.Success || !string.Equals(match.Groups["view"].Value, view, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string prefix = match.Groups["split"].Value.ToLowerInvariant();
            DatasetSplit? split = prefix.Contains("train") ? DatasetSplit.Train
                : prefix.Contains("test") ? DatasetSplit.Test
                : prefix.Contains("val") ? DatasetSplit.Validation
                : null;
            if (split is { } s)
            {
                (found.TryGetValue(s, out var list) ? list : found[s] = []).Add(folder);
            }
        }

        var result = new Dictionary<DatasetSplit, string>();
        foreach (var split in Enum.GetValues<DatasetSplit>())
        {
            var candidates = found.GetValueOrDefault(split) ?? [];
            string splitName = split.ToString().ToLowerInvariant();
            if (candidates.Count == 0 && split == DatasetSplit.Validation)
            {
                continue;
            }

            if (candidates.Count == 0)
            {
                throw new DatasetLayoutException(
                    root,
                    $"The CheXpert dataset at '{root}' has no {splitName} folder for view '{view}' " +
                    $"(e.g. '{(split == DatasetSplit.Validation ? "val" : split == DatasetSplit.Test ? "our_test" : "train")}_256_{view}'). " +
                    $"Expected {LayoutDescriptions.CheXpert}.");
            }

            if (candidates.Count > 1)
            {
                throw new DatasetLayoutException(
                    root,
                    $"The CheXpert dataset at '{root}' has several {splitName} folders for view '{view}': " +
                    $"{string.Join(", ", candidates.Select(Path.GetFileName))}. Keep one of them (move the others out of the dataset folder).");
            }

            result[split] = candidates[0];
        }

        return result;
    }

    /// <summary>
    /// A split's normal and abnormal images. Train needs normal images, test both classes; the validation split's class
    /// folders may be missing or empty.
    /// </summary>
    private static (List<RadiographRecord> Normal, List<RadiographRecord> Abnormal) ReadSplit(
        string root, string splitFolder, DatasetSplit split)
    {
        bool validation = split == DatasetSplit.Validation;
        var normal = ClassImages(root, splitFolder, NormalFolderName, required: !validation)
            .Select(p => new RadiographRecord(p, false))
            .ToList();

        if (ImageFolder.FindFolder(splitFolder, AbnormalFolderName) is null && split != DatasetSplit.Test)
        {
            return (normal, []);
        }

        var diseases = ReadDiseases(root, splitFolder);
        var abnormal = ClassImages(root, splitFolder, AbnormalFolderName, required: !validation)
            .Select(p => new RadiographRecord(
                p, true, diseases?.GetValueOrDefault(Path.GetFileName(p)) is { Count: > 0 } list ? string.Join('/', list) : null))
            .ToList();
        return (normal, abnormal);
    }

    /// <summary>The images of a class folder; when <paramref name="required"/>, the folder must exist and hold images.</summary>
    private static IReadOnlyList<string> ClassImages(string root, string splitFolder, string name, bool required)
    {
        string? folder = ImageFolder.FindFolder(splitFolder, name);
        if (folder is null)
            return required
                ? throw new DatasetLayoutException(root, $"'{splitFolder}' has no {name} folder. Expected {LayoutDescriptions.CheXpert}.")
                : [];
        return required ? SplitRequirements.RequireImages(root, folder, LayoutDescriptions.CheXpert) : ImageFolder.ListImages(folder);
    }

    /// <summary>File name to its findings, from the split's diseases.txt; null when the file is absent.</summary>
    private static Dictionary<string, List<string>>? ReadDiseases(string root, string splitFolder)
    {
        string path = Path.Combine(splitFolder, DiseasesFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var diseases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string rawLine in DatasetReader.ReadListFile(root, path))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] parts = line.Split('/');
            if (parts[0].Length == 0)
            {
                throw new DatasetLayoutException(
                    root, $"'{path}' line {lineNumber} ('{line}') has no file name. Expected lines 'file/Finding1/Finding2...'.");
            }

            var list = diseases.TryGetValue(parts[0], out var existing) ? existing : diseases[parts[0]] = [];
            list.AddRange(parts.Skip(1).Where(p => p.Length > 0));
        }

        return diseases;
    }

    private static List<RadiographRecord> SelectFinding(
        string root, string testFolder, List<RadiographRecord> test, string finding)
    {
        if (ReadDiseases(root, testFolder) is not { } diseases)
        {
            throw new DatasetLayoutException(
                root,
                $"Testing the finding '{finding}' needs '{Path.Combine(testFolder, DiseasesFileName)}', which does not exist. " +
                "Add it (lines 'file/Finding1/Finding2...') or test all findings.");
        }

        var known = diseases.Values.SelectMany(d => d).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!known.Contains(finding, StringComparer.Ordinal))
        {
            throw new DatasetLayoutException(
                root,
                $"No test image lists the finding '{finding}' in '{Path.Combine(testFolder, DiseasesFileName)}'. " +
                $"Findings listed there: {string.Join(", ", known.Select(k => $"'{k}'"))}.");
        }

        return test
            .Select(r => r with { IsAbnormal = r.IsAbnormal && (r.Finding?.Split('/').Contains(finding, StringComparer.Ordinal) ?? false) })
            .ToList();
    }

    [GeneratedRegex(@"^(?<split>.+)_256_(?<view>[A-Za-z]+)$")]
    private static partial Regex SplitFolderPattern();
}
