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
        var found = new[] { typeof(DatasetImages), typeof(SimSidEstimator), typeof(RadiographRecord) }
            .SelectMany(type => TemporaryScalars.In(type.Assembly)).ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
