using System.Runtime.CompilerServices;

// The plugin is compiled against publicized copies of these assemblies (see SimSid.MLNet.csproj);
// these attributes make the runtime accept the same access against the real ones.
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Data")]
