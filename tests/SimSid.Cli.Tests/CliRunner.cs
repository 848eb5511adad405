using Spectre.Console;

namespace SimSid.Cli.Tests;

/// <summary>Runs simsid in-process and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args) => Run(CancellationToken.None, args);

    public static Result Run(CancellationToken cancellationToken, params string[] args)
    {
        var error = new StringWriter();
        var previousError = Console.Error;
        Console.SetError(error);
        try
        {
            int code = 0;
            string output = Printed(() => code = Program.Run(args, cancellationToken));
            return new Result(code, output, error.ToString());
        }
        finally
        {
            Console.SetError(previousError);
        }
    }

    /// <summary>What <paramref name="action"/> prints through Spectre.Console, as to a log (not an interactive terminal).</summary>
    public static string Printed(Action action)
    {
        var output = new StringWriter();
        var previousConsole = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        // Wide enough that no message is wrapped inside a phrase a test looks for.
        AnsiConsole.Console.Profile.Width = 1000;
        try
        {
            action();
            return output.ToString();
        }
        finally
        {
            AnsiConsole.Console = previousConsole;
        }
    }
}
