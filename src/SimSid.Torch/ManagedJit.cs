namespace SimSid.Torch;

/// <summary>
/// How .NET compiles this process's own code, for reports of speed. With tiered compilation (.NET's default) methods
/// start unoptimised and the hot ones are compiled again on a background thread; on a machine of a few cores that
/// thread takes a core from libtorch's threads, which then wait on each other at every operation. A `small` bench
/// measured its training steps 8 % slower and one image 12–14 ms instead of 10 ms, with bursts of 20 ms per image while
/// the recompiling lasted (README, *Fully optimised code from the first call*). The simsid tool therefore runs without
/// it (its runtimeconfig); an application hosting SimSid.NET chooses for itself.
/// </summary>
public static class ManagedJit
{
    /// <summary>The runtimeconfig switch (MSBuild's <c>TieredCompilation</c> property).</summary>
    public const string SwitchName = "System.Runtime.TieredCompilation";

    // The runtime reads these before the runtimeconfig switch.
    private static readonly string[] EnvironmentVariables = ["DOTNET_TieredCompilation", "COMPlus_TieredCompilation"];

    /// <summary>True when this process compiles its methods in tiers.</summary>
    public static bool Tiered => IsTiered(
        EnvironmentVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)),
        AppContext.TryGetSwitch(SwitchName, out bool enabled) ? enabled : null);

    /// <summary>This process's compilation, in words.</summary>
    public static string Summary => Tiered
        ? "tiered compilation (methods start unoptimised and are recompiled in the background)"
        : "fully optimised from the first call (tiered compilation off)";

    /// <summary>
    /// What to tell a host that trains or scores on <paramref name="device"/> in this process: on a CPU with tiered
    /// compilation on, how to turn it off; otherwise nothing (null).
    /// </summary>
    internal static string? HostHint(string device) => HintFor(Tiered, device);

    internal static string? HintFor(bool tiered, string device) =>
        tiered && device.StartsWith("cpu", StringComparison.OrdinalIgnoreCase)
            ? ".NET's tiered compilation is on in this process: its background recompiling takes a core from libtorch while it lasts " +
              "(on 2 cores a short training or a first run of single images took 8-20 % longer). Set <TieredCompilation>false</TieredCompilation> " +
              "in the application's project, or DOTNET_TieredCompilation=0, as the simsid tool does (README, Compilation in the host)."
            : null;

    /// <summary>Whether tiers are used, given the environment variable's value (if set) and the runtimeconfig switch (if set).</summary>
    internal static bool IsTiered(string? environmentValue, bool? configured) =>
        environmentValue is { } value ? value.Trim() != "0" : configured ?? true;
}
