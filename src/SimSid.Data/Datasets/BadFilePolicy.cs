namespace SimSid.Data.Datasets;

/// <summary>What loading a list of images does with a file that cannot be loaded.</summary>
public enum BadFilePolicy
{
    /// <summary>Leave the file out and report it in <see cref="RadiographBatch.Skipped"/>.</summary>
    Skip,

    /// <summary>Throw the <see cref="Imaging.RadiographLoadException"/> of the first bad file (in list order).</summary>
    Throw,
}
