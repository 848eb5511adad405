namespace SimSid.Data.Datasets;

/// <summary>An image loaded from a <see cref="RadiographRecord"/>.</summary>
/// <param name="Record">The record it was loaded from.</param>
/// <param name="Pixels">Row-major size x size pixels in [0, 1].</param>
public sealed record LoadedRadiograph(RadiographRecord Record, float[] Pixels);

/// <summary>A record whose image could not be loaded.</summary>
/// <param name="Record">The record.</param>
/// <param name="Reason">Why it could not be loaded.</param>
public sealed record SkippedRadiograph(RadiographRecord Record, string Reason)
{
    /// <summary>The file that could not be loaded.</summary>
    public string Path => Record.Path;
}

/// <summary>The result of loading a list of records: the images, in list order, and the files left out.</summary>
/// <param name="Size">Side of every loaded image.</param>
/// <param name="Images">The loaded images, in the order of the records.</param>
/// <param name="Skipped">The records that could not be loaded, in the order of the records.</param>
public sealed record RadiographBatch(int Size, IReadOnlyList<LoadedRadiograph> Images, IReadOnlyList<SkippedRadiograph> Skipped);
