using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SimSid.MLNet.Tests.Support;

/// <summary>Runs this test assembly as a program (see Program.cs) in a separate process.</summary>
internal static class ThisAssemblyProcess
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ThisAssemblyProcess).Assembly.Location);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child process did not finish within {s_timeout}.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The dotnet executable running this test (also when the runner launched a test host).</summary>
    private static string DotnetHost()
    {
        string executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        string? fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (File.Exists(fromCli))
            return fromCli;
        if (Path.GetFileName(Environment.ProcessPath) == executable)
            return Environment.ProcessPath!;
        // The shared runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string beside = Path.Combine(root, executable);
        return File.Exists(beside) ? beside : executable;
    }
}
