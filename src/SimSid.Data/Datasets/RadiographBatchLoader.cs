using System.Runtime.ExceptionServices;
using SimSid.Data.Imaging;

namespace SimSid.Data.Datasets;

/// <summary>Loads the images of many records in parallel, keeping their order.</summary>
public static class RadiographBatchLoader
{
    /// <summary>
    /// Loads every record as a <paramref name="size"/> x <paramref name="size"/> image with
    /// <see cref="RadiographLoader.Load"/>. A file that cannot be loaded is skipped and reported
    /// (<see cref="BadFilePolicy.Skip"/>) or makes the call throw (<see cref="BadFilePolicy.Throw"/>).
    /// </summary>
    /// <exception cref="RadiographLoadException">With <see cref="BadFilePolicy.Throw"/>: the first bad file in list order.</exception>
    public static RadiographBatch Load(
        IReadOnlyList<RadiographRecord> records, int size, BadFilePolicy policy = BadFilePolicy.Skip, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var pixels = new float[records.Count][];
        var failures = new RadiographLoadException?[records.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, records.Count, parallel, (i, state) =>
        {
            try
            {
                pixels[i] = RadiographLoader.Load(records[i].Path, size);
            }
            catch (RadiographLoadException e)
            {
                failures[i] = e;
                if (policy == BadFilePolicy.Throw)
                {
                    state.Break();
                }
            }
        });

        var loaded = new List<LoadedRadiograph>(records.Count);
        var skipped = new List<SkippedRadiograph>();
        for (int i = 0; i < records.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                if (policy == BadFilePolicy.Throw)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                skipped.Add(new SkippedRadiograph(records[i], failure.Reason));
            }
            else
            {
                loaded.Add(new LoadedRadiograph(records[i], pixels[i]));
            }
        }

        return new RadiographBatch(size, loaded, skipped);
    }
}
