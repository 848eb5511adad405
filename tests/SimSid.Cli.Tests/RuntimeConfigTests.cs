using System.Text.Json;

namespace SimSid.Cli.Tests;

/// <summary>The settings the simsid tool's runtime starts with.</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TheToolRunsFullyOptimisedCodeFromTheFirstCall()
    {
        // The build copies the tool's runtimeconfig beside the tests, as it ships beside simsid.
        string path = Path.Combine(AppContext.BaseDirectory, "simsid.runtimeconfig.json");
        var properties = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty(SimSid.Torch.ManagedJit.SwitchName).GetBoolean());
    }
}
