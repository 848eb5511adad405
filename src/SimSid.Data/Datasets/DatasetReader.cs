namespace SimSid.Data.Datasets;

/// <summary>
/// Opens a dataset folder, recognising its layout: COVIDx (list files), CheXpert
/// (<c>*_256_*</c> split folders), ZhangLab (<c>train</c>/<c>val</c>/<c>test</c> folders), or a
/// plain folder of normal images, tried in that order.
/// </summary>
public static class DatasetReader
{
    /// <summary>Recognises the layout of <paramref name="root"/> and reads it.</summary>
    /// <exception cref="DatasetLayoutException">The folder is missing, or matches no layout, or its layout is incomplete.</exception>
    public static RadiographDataset Open(string root, DatasetReaderOptions? options = null) =>
        Open(root, DetectLayout(root), options);

    /// <summary>Reads <paramref name="root"/> as the given layout.</summary>
    /// <exception cref="DatasetLayoutException">The folder is missing or not laid out as <paramref name="layout"/>.</exception>
    /// <exception cref="ArgumentException">A test finding was chosen for a layout other than CheXpert.</exception>
    public static RadiographDataset Open(string root, DatasetLayout layout, DatasetReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        root = Path.GetFullPath(root);
        options ??= new DatasetReaderOptions();
        if (options.TestFinding is not null && layout != DatasetLayout.CheXpert)
        {
            throw new ArgumentException(
                $"A test finding ('{options.TestFinding}') can only be chosen for the CheXpert layout, but '{root}' is {layout}.",
                nameof(options));
        }

        return layout switch
        {
            DatasetLayout.ZhangLab => ZhangLabReader.Read(root),
            DatasetLayout.CheXpert => CheXpertReader.Read(root, options),
            DatasetLayout.Covidx => CovidxReader.Read(root),
            DatasetLayout.NormalFolder => NormalFolderReader.Read(root),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown dataset layout."),
        };
    }

    /// <summary>The layout of <paramref name="root"/>.</summary>
    /// <exception cref="DatasetLayoutException">The folder is missing or matches no layout.</exception>
    public static DatasetLayout DetectLayout(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        root = Path.GetFullPath(root);
        RequireFolder(root);
        if (CovidxReader.Matches(root))
        {
            return DatasetLayout.Covidx;
        }

        if (CheXpertReader.Matches(root))
        {
            return DatasetLayout.CheXpert;
        }

        if (ZhangLabReader.Matches(root))
        {
            return DatasetLayout.ZhangLab;
        }

        if (NormalFolderReader.Matches(root))
        {
            return DatasetLayout.NormalFolder;
        }

        var entries = Directory.EnumerateFileSystemEntries(root)
            .Select(e => Directory.Exists(e) ? Path.GetFileName(e) + "/" : Path.GetFileName(e))
            .Order(StringComparer.Ordinal)
            .ToList();
        string found = entries.Count == 0
            ? "The folder is empty."
            : $"It holds: {string.Join(", ", entries.Take(10))}{(entries.Count > 10 ? $" and {entries.Count - 10} more" : "")}.";
        string hint = ImageFolder.FindFolder(root, ZhangLabReader.NormalFolderName) is not null
            ? $" It looks like one split of a ZhangLab dataset: open its parent folder '{Path.GetDirectoryName(root)}' instead."
            : "";
        throw new DatasetLayoutException(root, $"'{root}' is not a recognised dataset layout. {found}{hint} {LayoutDescriptions.All}");
    }

    /// <summary>Throws unless <paramref name="root"/> is an existing folder.</summary>
    internal static void RequireFolder(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DatasetLayoutException(
                root,
                File.Exists(root)
                    ? $"'{root}' is a file; a dataset is a folder. {LayoutDescriptions.All}"
                    : $"The dataset folder '{root}' does not exist. {LayoutDescriptions.All}");
        }
    }

    /// <summary>The lines of a text list file, with read failures reported as layout errors.</summary>
    internal static string[] ReadListFile(string root, string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetLayoutException(root, $"Cannot read '{path}': {e.Message}");
        }
    }
}
