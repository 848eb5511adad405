namespace SimSid.Data.Datasets;

/// <summary>
/// Thrown when a dataset folder is missing, empty, or not laid out as expected. The message says
/// which folder or file was wrong and what layout was expected.
/// </summary>
public sealed class DatasetLayoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="root">The dataset folder that was being read.</param>
    /// <param name="message">What was wrong and what was expected.</param>
    public DatasetLayoutException(string root, string message)
        : base(message)
    {
        Root = root;
    }

    /// <summary>The dataset folder that was being read.</summary>
    public string Root { get; }
}
