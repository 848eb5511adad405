namespace SimSid.Cli.Scoring;

/// <summary>
/// Share <see cref="Number"/> of <see cref="Count"/> of a list of inputs: every Count-th input, starting at
/// position Number - 1. The shares of 1/N ... N/N are disjoint and together hold every input, so N
/// processes (on N machines) score an archive and their CSVs concatenate into the whole.
/// </summary>
internal sealed record ScoreShard(int Number, int Count)
{
    public static ScoreShard Whole { get; } = new(1, 1);

    /// <summary>Parses "K/N" with 1 &lt;= K &lt;= N.</summary>
    /// <exception cref="UsageException">The text is not of that form.</exception>
    public static ScoreShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int number) && int.TryParse(parts[1], out int count) && count >= 1 && number >= 1 && number <= count)
            return new ScoreShard(number, count);
        throw new UsageException($"--shard \"{text}\" is not of the form K/N with 1 <= K <= N (for example 2/8: the second of eight shares).");
    }

    /// <summary>The positions in a list of <paramref name="total"/> inputs that belong to this share, in order.</summary>
    public IEnumerable<int> Positions(int total)
    {
        for (int i = Number - 1; i < total; i += Count) yield return i;
    }

    public override string ToString() => $"{Number}/{Count}";
}
