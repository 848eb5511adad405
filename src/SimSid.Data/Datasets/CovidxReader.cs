namespace SimSid.Data.Datasets;

/// <summary>
/// Reads the COVIDx layout the reference uses: list files whose lines read
/// <c>patient_id filename label source</c>; <c>train_squid.txt</c> (normal training images),
/// optional <c>train_squid_abnormal.txt</c> (abnormal training images, for contaminated training),
/// optional <c>val_squid.txt</c> (images in <c>train/</c>, of one class or both) and <c>test_COVIDx9A.txt</c> (images in
/// <c>test/</c>). The label <c>normal</c> (any case) is normal; every other label is abnormal and
/// becomes the record's finding. Lines keep their order; image files are checked when loaded.
/// </summary>
public static class CovidxReader
{
    /// <summary>List of normal training images.</summary>
    public const string TrainList = "train_squid.txt";

    /// <summary>Optional list of abnormal training images.</summary>
    public const string TrainAbnormalList = "train_squid_abnormal.txt";

    /// <summary>Optional list of validation images.</summary>
    public const string ValidationList = "val_squid.txt";

    /// <summary>List of test images.</summary>
    public const string TestList = "test_COVIDx9A.txt";

    private const string NormalLabel = "normal";

    /// <summary>Whether <paramref name="root"/> looks like this layout (has one of the list files).</summary>
    public static bool Matches(string root) =>
        new[] { TrainList, TrainAbnormalList, ValidationList, TestList }.Any(f => File.Exists(Path.Combine(root, f)));

    /// <summary>Reads the dataset at <paramref name="root"/>.</summary>
    /// <exception cref="DatasetLayoutException">
    /// A required list file or image folder is missing, a line is malformed or mislabelled, or the test list lacks a class.
    /// </exception>
    public static RadiographDataset Read(string root)
    {
        DatasetReader.RequireFolder(root);
        string trainImages = RequireImageFolder(root, "train");
        string testImages = RequireImageFolder(root, "test");

        var trainNormal = ReadList(root, RequireList(root, TrainList), trainImages);
        RequireLabels(root, TrainList, trainNormal, abnormal: false);
        var trainAbnormal = File.Exists(Path.Combine(root, TrainAbnormalList))
            ? ReadList(root, Path.Combine(root, TrainAbnormalList), trainImages)
            : [];
        RequireLabels(root, TrainAbnormalList, trainAbnormal, abnormal: true);

        // The validation list may be left out or list one class: train lends it training images or trains without it.
        var validation = File.Exists(Path.Combine(root, ValidationList))
            ? ReadList(root, Path.Combine(root, ValidationList), trainImages)
            : [];
        var test = ReadList(root, RequireList(root, TestList), testImages);
        SplitRequirements.RequireBothClasses(root, Path.Combine(root, TestList), test, LayoutDescriptions.Covidx);
        return new RadiographDataset(root, DatasetLayout.Covidx, trainNormal, trainAbnormal, validation, test);
    }

    private static string RequireList(string root, string name)
    {
        string path = Path.Combine(root, name);
        return File.Exists(path) ? path : throw new DatasetLayoutException(
            root, $"The COVIDx dataset at '{root}' has no '{name}'. Expected {LayoutDescriptions.Covidx}.");
    }

    private static string RequireImageFolder(string root, string name) =>
        ImageFolder.FindFolder(root, name) ?? throw new DatasetLayoutException(
            root, $"The COVIDx dataset at '{root}' has no '{name}' image folder. Expected {LayoutDescriptions.Covidx}.");

    private static List<RadiographRecord> ReadList(string root, string listPath, string imageFolder)
    {
        var records = new List<RadiographRecord>();
        int lineNumber = 0;
        foreach (string rawLine in DatasetReader.ReadListFile(root, listPath))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4)
            {
                throw new DatasetLayoutException(
                    root,
                    $"'{listPath}' line {lineNumber} ('{line}') has {fields.Length} fields; expected 4 separated by spaces: " +
                    "'patient_id filename label source'.");
            }

            string label = fields[2];
            bool abnormal = !string.Equals(label, NormalLabel, StringComparison.OrdinalIgnoreCase);
            records.Add(new RadiographRecord(Path.Combine(imageFolder, fields[1]), abnormal, abnormal ? label : null));
        }

        if (records.Count == 0)
        {
            throw new DatasetLayoutException(root, $"'{listPath}' lists no images. Expected {LayoutDescriptions.Covidx}.");
        }

        return records;
    }

    private static void RequireLabels(string root, string listName, List<RadiographRecord> records, bool abnormal)
    {
        var wrong = records.FirstOrDefault(r => r.IsAbnormal != abnormal);
        if (wrong is not null)
        {
            throw new DatasetLayoutException(
                root,
                abnormal
                    ? $"'{listName}' lists '{Path.GetFileName(wrong.Path)}' as normal, but this list is for abnormal training images only."
                    : $"'{listName}' lists '{Path.GetFileName(wrong.Path)}' as '{wrong.Finding}', but this list is for normal " +
                      $"training images only; put abnormal training images in '{TrainAbnormalList}'.");
        }
    }
}
