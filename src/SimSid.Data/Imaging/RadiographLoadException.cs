namespace SimSid.Data.Imaging;

/// <summary>
/// Thrown when an image file cannot be read or decoded: missing, unreadable, truncated, corrupt,
/// or not an image at all. Carries the file path and the reason.
/// </summary>
public sealed class RadiographLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The file that failed to load.</param>
    /// <param name="reason">What was wrong with it, in a few words.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public RadiographLoadException(string path, string reason, Exception? inner = null)
        : base(
            $"Cannot load image '{path}': {reason}. Check that the file is a complete PNG or JPEG image " +
            "(re-export or re-download it), or remove it from the dataset.",
            inner)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file that failed to load.</summary>
    public string Path { get; }

    /// <summary>Why it failed, in a few words (no path).</summary>
    public string Reason { get; }
}
