using System.Reflection;
using System.Text.Json;
using SimSid.Data.Datasets;
using SimSid.Data.Imaging;
using SimSid.Torch;
using SimSid.Torch.Import;
using SimSid.Torch.Persistence;
using Spectre.Console.Cli;

namespace SimSid.Cli;

/// <summary>
/// Turns exceptions into one clear message on standard error and an exit code. Expected failures (wrong
/// data, unreadable images, bad model files, wrong options) print their message only; anything else is a
/// bug and prints its stack trace too.
/// </summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception)
    {
        var error = Unwrap(exception);
        switch (error)
        {
            case OperationCanceledException:
                Console.Error.WriteLine("simsid: stopped.");
                return ExitCodes.Cancelled;
            case CommandParseException:
                Write($"{error.Message} Run the command with --help to list its options.");
                return ExitCodes.Usage;
            case CommandRuntimeException or SimSidOptionsException or UsageException:
                Write(error.Message);
                return ExitCodes.Usage;
            case ArgumentException argument when argument.ParamName is not null:
                Write(argument.Message.Replace($" (Parameter '{argument.ParamName}')", ""));
                return ExitCodes.Failed;
            case DatasetLayoutException or RadiographLoadException or ModelFileException or ReferenceImportException
                or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or JsonException or FormatException
                or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException:
                Write(error.Message);
                return ExitCodes.Failed;
            default:
                Write($"Unexpected error: {error}");
                return ExitCodes.Failed;
        }
    }

    /// <summary>The exception that says what went wrong: the one inside a single-exception aggregate or a reflection call.</summary>
    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    break;
                default:
                    return exception;
            }
        }
    }

    // Plain text, unwrapped: error messages carry paths that must stay whole and greppable.
    private static void Write(string message) => Console.Error.WriteLine("simsid: error: " + message);
}

/// <summary>A command-line value that is wrong in a way only the command can tell.</summary>
internal sealed class UsageException(string message) : Exception(message);
