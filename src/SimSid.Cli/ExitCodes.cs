namespace SimSid.Cli;

/// <summary>The process exit codes of simsid.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The work failed: unreadable data, a bad model file, a training failure.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown command or option, invalid value.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C (a resumable checkpoint is kept where training was running).</summary>
    public const int Cancelled = 130;
}
