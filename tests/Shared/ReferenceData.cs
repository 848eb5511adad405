using static TorchSharp.torch;

namespace SimSid.Tests.Shared;

/// <summary>
/// The reference implementation's weights and outputs (../shared/reference beside the repository,
/// or the folder named by SIMSID_REFERENCE_DIR).
/// </summary>
public static class ReferenceData
{
    /// <summary>The reference folder, or null when it is not available.</summary>
    public static string? Directory { get; } = Locate();

    /// <summary>True when CI demands the reference tests run (SIMSID_REQUIRE_REFERENCE=1).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("SIMSID_REQUIRE_REFERENCE") == "1";

    /// <summary>Path of a file in the reference folder.</summary>
    public static string PathOf(string file) =>
        System.IO.Path.Combine(Directory ?? throw new InvalidOperationException(MissingMessage), file);

    /// <summary>Why the reference tests cannot run.</summary>
    public static string MissingMessage =>
        "The reference data (../shared/reference beside the repository, or SIMSID_REFERENCE_DIR) is not available.";

    /// <summary>Reads a raw little-endian float32 file of the given shape.</summary>
    public static Tensor ReadFloat32(string file, params long[] shape)
    {
        var bytes = File.ReadAllBytes(PathOf(file));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        Assert.Equal(shape.Aggregate(1L, (a, b) => a * b), values.LongLength);
        return tensor(values, shape);
    }

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SIMSID_REFERENCE_DIR");
        if (!string.IsNullOrEmpty(fromEnv)) return System.IO.Directory.Exists(fromEnv) ? fromEnv : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "SimSid.sln"))) continue;
            var candidate = System.IO.Path.Combine(dir.FullName, "..", "shared", "reference");
            return File.Exists(System.IO.Path.Combine(candidate, "manifest.json")) ? System.IO.Path.GetFullPath(candidate) : null;
        }
        return null;
    }
}

/// <summary>
/// A fact that needs the reference data: reported skipped, with the reason, where the data is absent,
/// unless SIMSID_REQUIRE_REFERENCE=1 (CI), where it runs and fails.
/// </summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    /// <summary>Skips the test when the reference data is absent and not required.</summary>
    public ReferenceFactAttribute()
    {
        if (ReferenceData.Directory is null && !ReferenceData.Required) Skip = ReferenceData.MissingMessage;
    }
}
