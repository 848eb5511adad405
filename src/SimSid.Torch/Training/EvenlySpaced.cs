namespace SimSid.Torch.Training;

/// <summary>A bounded sample of a set that represents all of it: items evenly spaced through the set, the first included.</summary>
public static class EvenlySpaced
{
    /// <summary>The indices of at most <paramref name="count"/> of <paramref name="n"/> items, ascending; every index when there are no more.</summary>
    public static long[] Indices(long n, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return n <= count
            ? [.. Enumerable.Range(0, (int)n).Select(i => (long)i)]
            : [.. Enumerable.Range(0, count).Select(i => (long)Math.Floor(i * (double)n / count))];
    }
}
