using SimSid.Torch;
using SimSid.Torch.Persistence;
using Spectre.Console.Cli;

namespace SimSid.Cli;

/// <summary>Turns exceptions into one clear message on standard error and an exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception)
    {
        var error = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
        switch (error)
        {
            case OperationCanceledException:
                Console.Error.WriteLine("simsid: stopped.");
                return ExitCodes.Cancelled;
            case CommandParseException or CommandRuntimeException or SimSidOptionsException or UsageException:
                Write(error.Message);
                return ExitCodes.Usage;
            case ArgumentException argument when argument.ParamName is not null:
                Write(argument.Message.Replace($" (Parameter '{argument.ParamName}')", ""));
                return ExitCodes.Failed;
            case ModelFileException or SimSid.Torch.Import.ReferenceImportException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException:
                Write(error.Message);
                return ExitCodes.Failed;
            default:
                Write($"Unexpected error: {error}");
                return ExitCodes.Failed;
        }
    }

    // Plain text, unwrapped: error messages carry paths that must stay whole and greppable.
    private static void Write(string message) => Console.Error.WriteLine("simsid: error: " + message);
}

/// <summary>A command-line value that is wrong in a way only the command can tell.</summary>
internal sealed class UsageException(string message) : Exception(message);
