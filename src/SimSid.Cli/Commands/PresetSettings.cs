using System.ComponentModel;
using SimSid.Torch;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary>The compute device option.</summary>
public class DeviceSettings : CommandSettings
{
    /// <summary>Compute device.</summary>
    [CommandOption("--device <DEVICE>")]
    [Description("cpu, cuda or cuda:N. Default: the preset's or the model's (cpu).")]
    public string? Device { get; init; }
}

/// <summary>Options of the commands that build a network from a preset without data.</summary>
public class PresetSettings : DeviceSettings
{
    /// <summary>The preset.</summary>
    [CommandOption("-p|--preset <NAME>")]
    [Description(PresetOption.Description)]
    public string? Preset { get; init; }

    /// <summary>The preset's options with the device applied.</summary>
    public SimSidOptions Options() => PresetOption.Resolve(Preset, Device);
}

/// <summary>The --preset option's text and resolution.</summary>
internal static class PresetOption
{
    public const string Description =
        "cpu (the CPU recipe), zhang, chexpert, covidx (the paper's; GPU work), small (the CPU network with the paper's training) or tiny (smoke tests). " +
        "Default: cpu on a CPU, zhang on a CUDA device.";

    /// <summary>The preset named <paramref name="name"/>, or the device's default recipe when none is named.</summary>
    public static SimSidOptions Resolve(string? name, string? device)
    {
        if (name is null) return SimSidPresets.ForDevice(device ?? ComputeDevice.Best);
        SimSidOptions preset;
        try { preset = SimSidPresets.Get(name); }
        catch (ArgumentException e) { throw new UsageException(e.Message.Replace($" (Parameter '{e.ParamName}')", "")); }
        return device is null ? preset : preset with { Device = device };
    }
}
