using SimSid.Torch.Training;
using static TorchSharp.torch;

namespace SimSid.Torch;

/// <summary>
/// The memory of <see cref="ScoringMode.PatchMemory"/> and <see cref="ScoringMode.FeatureMemory"/>: SimSID's
/// space-aware memory taken literally and without a trained network. It remembers the descriptor of every
/// place of a set of normal training images (<see cref="IPlaceDescriptors"/>: pixel patches, or pretrained
/// features) at the place it was seen. An image region is as anomalous as its descriptor is far from the
/// nearest remembered one of the same place or a few places away (<see cref="PlaceMatching"/>: chest radiographs
/// are roughly aligned, so anatomy repeats at about the same place); the image's raw score is its most anomalous
/// region away from the image's edges, or the mean over those regions (<see cref="DistanceSummary"/>).
/// </summary>
public sealed class PatchMemory : IDisposable
{
    // Descriptors of the remembered images, one (D, N) matrix per place: (L, D, N), and their squared norms (L, 1, N).
    private readonly Tensor patches;
    private readonly Tensor norms;

    // Images described at once when the memory is built: bounds the feature extractor's working memory.
    private const int DescribeBatch = 32;

    // Takes ownership of images and patches.
    private PatchMemory(Tensor images, IPlaceDescriptors descriptors, PlaceMatching matching, Tensor patches)
    {
        Images = images;
        Descriptors = descriptors;
        Matching = matching;
        ImageSize = (int)images.shape[^1];
        GridSize = descriptors.GridSize;
        // Ring by ring outwards, so that the running minimum is the nearest within each radius in turn.
        offsets = [.. from dy in Enumerable.Range(-matching.SearchRadius, 2 * matching.SearchRadius + 1)
                      from dx in Enumerable.Range(-matching.SearchRadius, 2 * matching.SearchRadius + 1)
                      orderby Ring(dy, dx) select (dy, dx)];
        this.patches = patches;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        norms = patches.square().sum(1, keepdim: true).DetachFromDisposeScope();
    }

    /// <summary>
    /// Memories of <paramref name="images"/>, one compared by each of <paramref name="descriptors"/>, matched as
    /// <paramref name="matching"/> says; the images are described for all of them a batch at a time (<see cref="PlaceDescription.Each"/>).
    /// The first memory takes ownership of the images; the others hold views of them.
    /// </summary>
    private static IReadOnlyList<PatchMemory> Build(Tensor images, IReadOnlyList<IPlaceDescriptors> descriptors, PlaceMatching matching)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(matching.SearchRadius, nameof(matching));
        ArgumentOutOfRangeException.ThrowIfNegative(matching.Border, nameof(matching));
        foreach (var d in descriptors.Where(d => 2 * matching.Border >= d.GridSize))
            throw new ArgumentException($"A border of {matching.Border} places leaves no place of a {d.GridSize} x {d.GridSize} grid to score.", nameof(matching));
        // The memories outlive any dispose scope their creator runs in; Dispose frees them.
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        // Filled a batch at a time, so that building needs no more memory than the memories themselves (0.5 GB for
        // 1,000 images of the second stage's pretrained features).
        long count = images.shape[0];
        var filled = new Tensor?[descriptors.Count];
        for (long start = 0; start < count; start += DescribeBatch)
        {
            using var batchScope = NewDisposeScope();
            var described = PlaceDescription.Each(images.narrow(0, start, Math.Min(DescribeBatch, count - start)), descriptors);
            for (int i = 0; i < descriptors.Count; i++)
            {
                var places = described[i].permute(2, 1, 0); // (L, D, b)
                filled[i] ??= empty([places.shape[0], places.shape[1], count], places.dtype, places.device).MoveToOuterDisposeScope();
                filled[i]!.narrow(2, start, places.shape[2]).copy_(places);
            }
        }
        return [.. descriptors.Select((d, i) => new PatchMemory((i == 0 ? images : images.detach()).DetachFromDisposeScope(), d, matching, filled[i]!.DetachFromDisposeScope()))];
    }

    /// <summary>The remembered images (N, 1, S, S) in [-1, 1].</summary>
    public Tensor Images { get; }

    /// <summary>What the memory compares.</summary>
    public IPlaceDescriptors Descriptors { get; }

    /// <summary>Which remembered places a place is compared with, and which places are scored.</summary>
    public PlaceMatching Matching { get; }

    /// <summary>Number of remembered images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Side S of the images.</summary>
    public int ImageSize { get; }

    /// <summary>Places per row and column of the distance maps.</summary>
    public int GridSize { get; }

    /// <summary>
    /// Remembers the pixel patches of at most <paramref name="capacity"/> of <paramref name="images"/> (N, 1, S, S)
    /// in [-1, 1], evenly spaced through the set (all of them when there are no more), on <paramref name="device"/>;
    /// the patches are taken at side <paramref name="patchSide"/> (see <see cref="PixelPatches"/>; default S) and
    /// matched as <paramref name="matching"/> says (default <see cref="PlaceMatching.Default"/>).
    /// </summary>
    public static PatchMemory Remember(Tensor images, int capacity, Device device, int? patchSide = null, PlaceMatching? matching = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        long n = images.shape[0];
        if (n < 1) throw new ArgumentException("The patch memory needs at least one image.", nameof(images));
        using var scope = NewDisposeScope();
        var chosen = n <= capacity ? images : images.index_select(0, tensor(EvenlySpaced.Indices(n, capacity)));
        // A copy of its own, whatever the caller does with its images, rounded to the 16-bit floats a model
        // file stores, so that a saved and loaded model scores exactly as the one that was saved.
        return FromImages(chosen.to(ScalarType.Float16).to(ScalarType.Float32).to(device).contiguous().DetachFromDisposeScope(), patchSide, matching);
    }

    /// <summary>As <see cref="Remember(Tensor, int, Device, int?, PlaceMatching?)"/>, from training images held in <paramref name="images"/>.</summary>
    internal static PatchMemory Remember(ImageCache images, int capacity, Device device, int? patchSide = null, PlaceMatching? matching = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        using var chosen = images.Count <= capacity ? images.Read(0, images.Count) : images.Read(EvenlySpaced.Indices(images.Count, capacity));
        return Remember(chosen, capacity, device, patchSide, matching);
    }

    /// <summary>
    /// Restores a pixel-patch memory of exactly <paramref name="images"/> (N, 1, S, S) in [-1, 1], patches taken at
    /// <paramref name="patchSide"/>, matched as <paramref name="matching"/> says; takes ownership.
    /// </summary>
    public static PatchMemory FromImages(Tensor images, int? patchSide = null, PlaceMatching? matching = null) =>
        Build(images.DetachFromDisposeScope(), [new PixelPatches((int)images.shape[^1], patchSide)], matching ?? PlaceMatching.Default)[0];

    /// <summary>A memory of the same images, matched the same way, compared by <paramref name="descriptors"/> instead.</summary>
    public PatchMemory DescribedBy(IPlaceDescriptors descriptors) => DescribedBy([descriptors])[0];

    /// <summary>
    /// Memories of the same images, matched the same way, one compared by each of <paramref name="descriptors"/>: the
    /// images are described for all of them at once (<see cref="PlaceDescription.Each"/>: pretrained features of one
    /// network in one pass, whatever their stages).
    /// </summary>
    public IReadOnlyList<PatchMemory> DescribedBy(IReadOnlyList<IPlaceDescriptors> descriptors) => Build(Images.detach(), descriptors, Matching);

    /// <summary>
    /// Distance of the descriptor of every place of <paramref name="images"/> (B, 1, S, S) in [-1, 1] to the nearest
    /// remembered one of its place or one at most <see cref="PlaceMatching.SearchRadius"/> places away: (B, G, G),
    /// G = <see cref="GridSize"/>; the places of the <see cref="PlaceMatching.Border"/> are not scored and hold 0. When
    /// <paramref name="exclude"/> is given (B indices of remembered images, -1 for none), image b is not
    /// compared with remembered image exclude[b]: a remembered image scored against the others.
    /// </summary>
    public Tensor DistanceMaps(Tensor images, long[]? exclude = null)
    {
        if (images.ndim != 4 || images.shape[1] != 1 || images.shape[2] != ImageSize || images.shape[3] != ImageSize)
            throw new ArgumentException($"The patch memory compares (B, 1, {ImageSize}, {ImageSize}) images, got ({string.Join(", ", images.shape)}).", nameof(images));
        using var scope = NewDisposeScope();
        return DistanceMapsOfDescribed(Descriptors.Describe(images.to(ScalarType.Float32).to(patches.device)), exclude).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <see cref="DistanceMaps"/> of images already described by <see cref="Descriptors"/>: (B, D, L), as
    /// <see cref="PlaceDescription.Each"/> gives them.
    /// </summary>
    public Tensor DistanceMapsOfDescribed(Tensor described, long[]? exclude = null)
    {
        if (described.ndim != 3 || described.shape[1] != patches.shape[1] || described.shape[2] != patches.shape[0])
            throw new ArgumentException($"The memory compares (B, {patches.shape[1]}, {patches.shape[0]}) descriptors, got ({string.Join(", ", described.shape)}).", nameof(described));
        if (exclude is not null && exclude.Length != described.shape[0])
            throw new ArgumentException($"{exclude.Length} exclusions for {described.shape[0]} images.", nameof(exclude));
        using var scope = NewDisposeScope();
        return DistanceMapsOf(described.permute(2, 0, 1), exclude).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="DistanceMaps"/> of images already described: (L, B, D), places first.</summary>
    private Tensor DistanceMapsOf(Tensor described, long[]? exclude)
    {
        using var scope = NewDisposeScope();
        long batch = described.shape[1], positions = (long)GridSize * GridSize;
        var device = patches.device;
        var queries = described.contiguous();                                                            // (L, B, D)
        var queryNorms = queries.square().sum(2);                                                        // (L, B)
        var excluded = exclude is null ? null : ExclusionMask(exclude, device).repeat(1, offsets.Length, 1); // (1, KB, N)

        // Remembered place p meets the queries of places p - offset for every one of the K offsets at once:
        // gathering them to p reads each place's remembered matrix once per batch, in one product of KB rows.
        var meetings = offsets.Select(o => Shifted(-o.Dy, -o.Dx, device)).ToList();
        var from = stack(meetings.Select(m => m.Index)).t().contiguous();      // (L, K)
        var valid = stack(meetings.Select(m => m.Valid)).t().unsqueeze(2);    // (L, K, 1)
        var atRemembered = NearestSquared(queries.mul(HeldScalars.Of(-2)), from, excluded).view(positions, offsets.Length, batch)
            .Plus(queryNorms.index_select(0, from.flatten()).view(positions, offsets.Length, batch))
            .masked_fill(valid.logical_not(), HeldScalars.Of(double.PositiveInfinity));                                      // (L, K, B)

        // Back to the queries: query place q met remembered place q + offset.
        Tensor? nearest = null, graded = null;
        int o = 0;
        for (int ring = 0; ring <= Matching.SearchRadius; ring++)
        {
            for (; o < offsets.Length && Ring(offsets[o].Dy, offsets[o].Dx) == ring; o++)
            {
                var (back, backValid) = Shifted(offsets[o].Dy, offsets[o].Dx, device);
                var atQuery = atRemembered.select(1, o).index_select(0, back).masked_fill(backValid.logical_not().unsqueeze(1), HeldScalars.Of(double.PositiveInfinity));
                nearest = nearest is null ? atQuery : minimum(nearest, atQuery);
            }
            // nearest is now the nearest within this ring's radius.
            if (Matching.Graded) graded = graded is null ? Distances(nearest!) : graded.add_(Distances(nearest!), HeldScalars.Of(1));
        }
        var distances = (Matching.Graded ? graded!.div_(HeldScalars.Of(Matching.SearchRadius + 1)) : Distances(nearest!)).t().reshape(batch, GridSize, GridSize);
        return (Matching.Border == 0 ? distances : distances.mul(ScoredPlaces(device))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// min over remembered descriptors p of |p|² - 2 q.p at every remembered place: (L, KB) from the queries
    /// scaled by -2 (L, B, D) and, for every place, the K query places that meet it (<paramref name="from"/>,
    /// (L, K)). |q|² is the same for every p, so the caller adds it after the minimum. Done a few places at a
    /// time, so that each (places, KB, N) block stays in the processor's cache instead of streaming a matrix
    /// of every distance through memory.
    /// </summary>
    private Tensor NearestSquared(Tensor scaledQueries, Tensor from, Tensor? excluded)
    {
        long positions = from.shape[0], rows = from.shape[1] * scaledQueries.shape[1], depth = scaledQueries.shape[2];
        long chunk = Math.Max(1, PositionsPerBlock / Math.Max(1, rows * Count));
        var parts = new List<Tensor>();
        for (long start = 0; start < positions; start += chunk)
        {
            using var scope = NewDisposeScope();
            long n = Math.Min(chunk, positions - start);
            var met = scaledQueries.index_select(0, from.narrow(0, start, n).flatten()).view(n, rows, depth); // (n, KB, D)
            // |p|² is the product's starting value (TorchSharp's baddbmm: this @ batch2 + input): the matrix product adds
            // onto it instead of zeroing its output first and a second pass adding the norms.
            var block = met.baddbmm(patches.narrow(0, start, n), norms.narrow(0, start, n));
            if (excluded is not null) block.masked_fill_(excluded, HeldScalars.Of(double.PositiveInfinity));
            parts.Add(block.amin(2).MoveToOuterDisposeScope());
        }
        return cat(parts, 0);
    }

    private static Tensor Distances(Tensor squared) => squared.clamp_min(HeldScalars.Of(0)).sqrt();

    // The ring an offset lies on: its radius in places.
    private static int Ring(int dy, int dx) => Math.Max(Math.Abs(dy), Math.Abs(dx));

    // Distances per block: 256 K floats (1 MB) fit a core's L2 cache.
    private const long PositionsPerBlock = 256 * 1024;

    /// <summary>
    /// Raw scores of the first <paramref name="count"/> remembered images, each compared with the other
    /// remembered images only (compared with itself, a remembered image would score zero): how far normal
    /// images lie from the rest, which calibrates the score; summed up as <paramref name="summary"/> says. Computed once
    /// per count, for every summary; the memory never changes.
    /// </summary>
    public IReadOnlyList<double> RememberedRawScores(int count, int batchSize, DistanceSummary summary = DistanceSummary.MostUnusualPlace)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        lock (rememberedScores)
        {
            if (rememberedScores.TryGetValue((count, summary), out var known)) return known;
            // Every summary of the same distances at once: computing the distances is the cost.
            var summaries = Enum.GetValues<DistanceSummary>();
            var results = summaries.Select(_ => new double[count]).ToArray();
            using var _ = no_grad();
            for (int start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(batchSize, count - start);
                var exclude = Enumerable.Range(start, n).Select(i => (long)i).ToArray();
                // The remembered images' own descriptors: describing them again would repeat the memory's building.
                var maps = DistanceMapsOf(patches.narrow(2, start, n).permute(0, 2, 1), exclude);
                for (int s = 0; s < summaries.Length; s++)
                {
                    var values = RawScores(maps, summaries[s]).to(CPU).data<float>().ToArray();
                    for (int i = 0; i < n; i++) results[s][start + i] = values[i];
                }
            }
            for (int s = 0; s < summaries.Length; s++) rememberedScores[(count, summaries[s])] = results[s];
            return results[Array.IndexOf(summaries, summary)];
        }
    }

    private readonly Dictionary<(int Count, DistanceSummary Summary), double[]> rememberedScores = [];

    /// <summary>The raw score of each image (B) from its distance map (B, G, G): its largest patch distance (the border's hold 0).</summary>
    public static Tensor RawScores(Tensor distanceMaps) => distanceMaps.flatten(1).amax(1);

    /// <summary>
    /// The raw score of each image (B) from its distance map (B, G, G) of this memory, summed up as <paramref name="summary"/>
    /// says: the largest distance, or the mean over the scored places (the border's are left out).
    /// </summary>
    public Tensor RawScores(Tensor distanceMaps, DistanceSummary summary) => summary == DistanceSummary.MostUnusualPlace
        ? RawScores(distanceMaps)
        : distanceMaps.flatten(1).sum(1).div_(HeldScalars.Of(ScoredPlaceCount));

    // The places of the grid inside the border.
    private int ScoredPlaceCount => (GridSize - 2 * Matching.Border) * (GridSize - 2 * Matching.Border);

    /// <summary>Distance maps (B, G, G) spread over the pixels (B, 1, S, S) they cover, for heat maps.</summary>
    public Tensor PixelMaps(Tensor distanceMaps) =>
        nn.functional.interpolate(distanceMaps.unsqueeze(1), [ImageSize, ImageSize], mode: InterpolationMode.Bilinear, align_corners: false);

    // The K = (2 SearchRadius + 1)² displacements between a place and the remembered places it is compared with.
    private readonly (int Dy, int Dx)[] offsets;

    /// <summary>(G, G): 1 at the places that are scored, 0 in the border.</summary>
    private Tensor ScoredPlaces(Device device)
    {
        int inner = GridSize - 2 * Matching.Border;
        return nn.functional.pad(ones(1, inner, inner, device: device), [Matching.Border, Matching.Border, Matching.Border, Matching.Border]).squeeze(0);
    }

    /// <summary>For each grid position p, the index of position p + (dy, dx), clamped into the grid, and whether it lies inside.</summary>
    private (Tensor Index, Tensor Valid) Shifted(int dy, int dx, Device device)
    {
        var index = new long[GridSize * GridSize];
        var valid = new bool[GridSize * GridSize];
        for (int row = 0; row < GridSize; row++)
            for (int column = 0; column < GridSize; column++)
            {
                int r = row + dy, c = column + dx, p = row * GridSize + column;
                valid[p] = r >= 0 && r < GridSize && c >= 0 && c < GridSize;
                index[p] = Math.Clamp(r, 0, GridSize - 1) * GridSize + Math.Clamp(c, 0, GridSize - 1);
            }
        return (tensor(index, device: device), tensor(valid, device: device));
    }

    private Tensor ExclusionMask(long[] exclude, Device device)
    {
        var mask = zeros(1, exclude.Length, Count, dtype: ScalarType.Bool, device: device);
        for (int b = 0; b < exclude.Length; b++)
            if (exclude[b] >= 0 && exclude[b] < Count) mask[0, b, exclude[b]] = true;
        return mask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        patches.Dispose();
        norms.Dispose();
        Images.Dispose();
    }
}

/// <summary>How an image's distance map becomes its raw score.</summary>
public enum DistanceSummary
{
    /// <summary>The largest distance: the image is as unusual as its most unusual place (a focal finding).</summary>
    MostUnusualPlace,

    /// <summary>The mean distance over the scored places: the image is as unusual as it is on the whole (a diffuse finding).</summary>
    Mean,
}
