namespace SimSid.Torch;

/// <summary>
/// How a <see cref="PatchMemory"/> matches places. Radiographs are aligned only roughly: a patient stands a little
/// higher or further left, and another machine frames the chest a little differently. So a place is compared with
/// the remembered places up to <see cref="SearchRadius"/> places away in each direction, and the
/// <see cref="Border"/> places along each edge of the image, where the framing itself changes what is seen, are
/// not scored.
/// </summary>
/// <param name="SearchRadius">Places, in each direction, that a remembered place may lie from the scored one (0: the same place only).</param>
/// <param name="Border">Places along each edge of the grid that are not scored.</param>
/// <param name="Graded">
/// Whether a match found further away counts less: a place's distance is then the mean, over every radius from 0
/// to <paramref name="SearchRadius"/>, of its distance to the nearest remembered place within that radius. An organ
/// a little larger or further out than usual still meets its like a few places away, but pays for the distance.
/// </param>
public sealed record PlaceMatching(int SearchRadius, int Border, bool Graded = false)
{
    /// <summary>Two places each way, and a border of two places (see <see cref="ScoringOptions.MemorySearchRadius"/>).</summary>
    public static PlaceMatching Default { get; } = new(2, 2);

    /// <summary>The matching of models written before it could be chosen: the same place or one away, every place scored.</summary>
    public static PlaceMatching Legacy { get; } = new(1, 0);

    /// <summary>The matching <paramref name="scoring"/> asks for.</summary>
    public static PlaceMatching Of(ScoringOptions scoring) => new(scoring.MemorySearchRadius, scoring.MemoryBorder, scoring.GradedPlaceMatching);
}
