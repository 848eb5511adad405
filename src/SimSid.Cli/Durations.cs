namespace SimSid.Cli;

/// <summary>Durations as the console shows them.</summary>
internal static class Durations
{
    /// <summary><paramref name="t"/> as m:ss, or h:mm:ss from an hour on.</summary>
    public static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}
