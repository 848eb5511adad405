using System.ComponentModel;
using SimSid.Data.Datasets;
using Spectre.Console.Cli;

namespace SimSid.Cli.Commands;

/// <summary>Options of every command that reads a dataset.</summary>
public class DataSettings : DeviceSettings
{
    /// <summary>The dataset folder.</summary>
    [CommandOption("-d|--data <DIR>")]
    [Description("Dataset folder: ZhangLab (train|val|test/NORMAL|<abnormal>), CheXpert (<split>_256_pa/normal_256|abnormal_256), COVIDx (list files) or a folder of normal images.")]
    public string? Data { get; init; }

    /// <summary>Fail on the first unreadable image instead of skipping it.</summary>
    [CommandOption("--strict")]
    [Description("Fail on the first unreadable image instead of reporting and skipping it.")]
    public bool Strict { get; init; }

    /// <summary>CheXpert: the finding to test.</summary>
    [CommandOption("--finding <NAME>")]
    [Description("CheXpert only: test one finding from diseases.txt (e.g. Cardiomegaly).")]
    public string? Finding { get; init; }

    /// <summary>CheXpert: the view folder suffix.</summary>
    [CommandOption("--view <VIEW>")]
    [Description("CheXpert only: the view of the <split>_256_<view> folders.")]
    [DefaultValue("pa")]
    public string View { get; init; } = "pa";

    /// <summary>The policy for unreadable images.</summary>
    public BadFilePolicy Policy => Strict ? BadFilePolicy.Throw : BadFilePolicy.Skip;

    /// <summary>Opens the dataset named by --data.</summary>
    public RadiographDataset OpenDataset()
    {
        if (string.IsNullOrWhiteSpace(Data)) throw new UsageException("--data is required: the dataset folder.");
        return DatasetReader.Open(Data, new DatasetReaderOptions { CheXpertView = View, TestFinding = Finding });
    }
}
