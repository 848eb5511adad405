namespace SimSid.Data.Datasets;

/// <summary>
/// Reads a plain folder of normal images: the PNG and JPEG files directly inside it become the
/// normal training images. Sub-folders are not searched, so that a mis-laid-out split folder is
/// reported instead of being read as normal images. There are no validation or test images.
/// </summary>
public static class NormalFolderReader
{
    /// <summary>Whether <paramref name="root"/> holds image files directly.</summary>
    public static bool Matches(string root) => ImageFolder.ListImages(root).Count > 0;

    /// <summary>Reads the folder.</summary>
    /// <exception cref="DatasetLayoutException">The folder holds no images.</exception>
    public static RadiographDataset Read(string root)
    {
        DatasetReader.RequireFolder(root);
        var normal = SplitRequirements.RequireImages(root, root, LayoutDescriptions.NormalFolder)
            .Select(p => new RadiographRecord(p, false))
            .ToList();
        return new RadiographDataset(root, DatasetLayout.NormalFolder, normal, [], [], []);
    }
}
