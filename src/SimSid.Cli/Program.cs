namespace SimSid.Cli;

/// <summary>Entry point of the simsid command-line tool.</summary>
public static class Program
{
    /// <summary>Runs the command given on the command line.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("simsid: no commands yet");
        return 2;
    }
}
