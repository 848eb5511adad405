namespace SimSid.Data.Datasets;

/// <summary>Lists the image files and sub-folders of a folder in a deterministic order.</summary>
public static class ImageFolder
{
    /// <summary>File extensions read as images (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>
    /// The image files directly inside <paramref name="folder"/>, sorted by ordinal file name.
    /// Hidden files (names starting with '.', e.g. macOS "._x.jpeg" resource forks) are skipped.
    /// </summary>
    public static IReadOnlyList<string> ListImages(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(IsImageFile)
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();

    /// <summary>The visible sub-folders of <paramref name="folder"/>, sorted by ordinal name.</summary>
    public static IReadOnlyList<string> ListFolders(string folder) =>
        Directory.EnumerateDirectories(folder)
            .Where(d => !IsHidden(Path.GetFileName(d)))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether the name has an image extension and is not hidden.</summary>
    public static bool IsImageFile(string path)
    {
        string name = Path.GetFileName(path);
        return !IsHidden(name) && Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The sub-folder of <paramref name="folder"/> with this name (exact match first, then ignoring case); null if none.</summary>
    public static string? FindFolder(string folder, string name)
    {
        var folders = ListFolders(folder);
        return folders.FirstOrDefault(d => Path.GetFileName(d) == name)
            ?? folders.FirstOrDefault(d => string.Equals(Path.GetFileName(d), name, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsHidden(string name) => name.StartsWith('.') || name == "__MACOSX";
}
