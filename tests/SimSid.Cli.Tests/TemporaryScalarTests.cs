using SimSid.Data.Datasets;
using SimSid.MLNet;
using SimSid.Tests.Shared;

namespace SimSid.Cli.Tests;

public sealed class TemporaryScalarTests
{
    [Fact]
    public void TheCli_TheMlNetPlugin_AndTheReaders_GiveNoOperationATemporaryScalar()
    {
        // SimSid.Torch has its own test; these assemblies must leave tensor arithmetic to it, or hold their Scalars too.
        Assert.Empty(TemporaryScalars.In(typeof(DatasetImages).Assembly));
        Assert.Empty(TemporaryScalars.In(typeof(SimSidEstimator).Assembly));
        Assert.Empty(TemporaryScalars.In(typeof(RadiographRecord).Assembly));
    }
}
