namespace SimSid.Data.Datasets;

/// <summary>Checks shared by the readers: evaluation splits need both classes.</summary>
internal static class SplitRequirements
{
    /// <summary>Throws unless <paramref name="records"/> holds at least one normal and one abnormal image.</summary>
    public static void RequireBothClasses(
        string root, string where, IReadOnlyList<RadiographRecord> records, string expectedLayout)
    {
        int abnormal = records.Count(r => r.IsAbnormal);
        int normal = records.Count - abnormal;
        if (normal == 0 || abnormal == 0)
        {
            throw new DatasetLayoutException(
                root,
                $"'{where}' has {normal} normal and {abnormal} abnormal images, but an evaluation split needs both " +
                $"to measure detection. Expected {expectedLayout}.");
        }
    }

    /// <summary>Throws unless <paramref name="folder"/> holds at least one image.</summary>
    public static IReadOnlyList<string> RequireImages(string root, string folder, string expectedLayout)
    {
        var images = ImageFolder.ListImages(folder);
        if (images.Count == 0)
        {
            throw new DatasetLayoutException(
                root,
                $"'{folder}' holds no PNG or JPEG images (files ending in {string.Join(", ", ImageFolder.Extensions)}). " +
                $"Expected {expectedLayout}.");
        }

        return images;
    }
}
