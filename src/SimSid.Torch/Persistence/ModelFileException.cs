namespace SimSid.Torch.Persistence;

/// <summary>A model or checkpoint file cannot be used; the message names the file and the problem.</summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFileException(string message, Exception? inner = null) : base(message, inner) { }
}
