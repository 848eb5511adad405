using System.ComponentModel;
using SimSid.Torch;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary>Options shared by every command that builds a network.</summary>
public class PresetSettings : CommandSettings
{
    /// <summary>The preset.</summary>
    [CommandOption("-p|--preset <NAME>")]
    [Description("zhang, chexpert, covidx (the paper's; GPU work), small (CPU demo) or tiny (smoke tests).")]
    [DefaultValue("small")]
    public string Preset { get; init; } = "small";

    /// <summary>Compute device.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description("cpu, cuda or cuda:N. Default: the preset's (cpu).")]
    public string? Device { get; init; }

    /// <summary>The preset's options with the device applied.</summary>
    public SimSidOptions Options()
    {
        SimSidOptions preset;
        try { preset = SimSidPresets.Get(Preset); }
        catch (ArgumentException e) { throw new UsageException(e.Message.Replace($" (Parameter '{e.ParamName}')", "")); }
        return Device is null ? preset : preset with { Device = Device };
    }
}
