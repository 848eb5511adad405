using Microsoft.ML;

namespace SimSid.MLNet.Tests.Support;

internal static class ModelZipLoading
{
    /// <summary>
    /// The error loading <paramref name="path"/> gives. ML.NET calls loaders through reflection and wraps
    /// what they throw (TargetInvocationException, then "Error during class instantiation"); this returns
    /// the loader's own exception.
    /// </summary>
    public static Exception Error(string path)
    {
        var error = Assert.ThrowsAny<Exception>(() => new MLContext(seed: 2).Model.Load(path, out _));
        while (error.InnerException is not null &&
               (error is System.Reflection.TargetInvocationException || error.Message == "Error during class instantiation"))
            error = error.InnerException;
        return error;
    }
}
