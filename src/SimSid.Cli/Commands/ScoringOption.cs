using SimSid.Torch;

namespace SimSid.Cli.Commands;

/// <summary>The value of a <c>--scoring</c> option: a scoring mode by its short name.</summary>
internal static class ScoringOption
{
    /// <summary>The mode named <paramref name="name"/>; a usage error naming every accepted value (and <paramref name="others"/>) otherwise.</summary>
    public static ScoringMode Parse(string name, params string[] others) =>
        ScoringModes.FromShortName(name) ?? throw new UsageException(
            $"--scoring must be {string.Join(", ", [.. others, .. ScoringModes.All.Select(m => m.ShortName())])} (got \"{name}\").");
}
