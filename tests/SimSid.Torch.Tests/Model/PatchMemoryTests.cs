using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Model;

public sealed class PatchMemoryTests
{
    private static Tensor RandomImages(int count, int size, int seed)
    {
        var random = new Random(seed);
        var pixels = Enumerable.Range(0, count * size * size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return tensor(pixels, [count, 1, size, size]);
    }

    /// <summary>
    /// The definition, computed pixel by pixel: nearest remembered patch at most the matching's search radius away
    /// (graded: the mean of the nearest distances within each radius up to it), 0 in the matching's border.
    /// </summary>
    private static float[,,] BruteForce(float[] remembered, int n, float[] queries, int b, int size, int patch, int stride, PlaceMatching matching, long[]? exclude = null)
    {
        int r = matching.SearchRadius, border = matching.Border;
        int grid = (size - patch) / stride + 1;
        var result = new float[b, grid, grid];
        for (int q = 0; q < b; q++)
            for (int i = 0; i < grid; i++)
                for (int j = 0; j < grid; j++)
                {
                    if (i < border || j < border || i >= grid - border || j >= grid - border) continue;
                    var bestWithin = new double[r + 1];
                    Array.Fill(bestWithin, double.PositiveInfinity);
                    for (int m = 0; m < n; m++)
                    {
                        if (exclude is not null && exclude[q] == m) continue;
                        for (int di = -r; di <= r; di++)
                            for (int dj = -r; dj <= r; dj++)
                            {
                                int ri = i + di, rj = j + dj;
                                if (ri < 0 || rj < 0 || ri >= grid || rj >= grid) continue;
                                double sum = 0;
                                for (int y = 0; y < patch; y++)
                                    for (int x = 0; x < patch; x++)
                                    {
                                        double d = queries[(q * size + i * stride + y) * size + j * stride + x]
                                            - remembered[(m * size + ri * stride + y) * size + rj * stride + x];
                                        sum += d * d;
                                    }
                                for (int within = Math.Max(Math.Abs(di), Math.Abs(dj)); within <= r; within++)
                                    bestWithin[within] = Math.Min(bestWithin[within], sum);
                            }
                    }
                    result[q, i, j] = (float)(matching.Graded ? bestWithin.Average(Math.Sqrt) : Math.Sqrt(bestWithin[r]));
                }
        return result;
    }

    [Theory]
    [InlineData(32, 2, 1, 1, 0)]
    [InlineData(32, 2, 1, 2, 2)]
    [InlineData(64, 4, 2, 0, 1)]
    [InlineData(64, 4, 2, 2, 2)]
    [InlineData(32, 2, 1, 0, 0, true)]
    [InlineData(32, 2, 1, 2, 1, true)]
    [InlineData(64, 4, 2, 3, 2, true)]
    public void DistanceMaps_AreTheNearestPatchDistancesOfTheDefinition(int size, int patch, int stride, int searchRadius, int border, bool graded = false)
    {
        var matching = new PlaceMatching(searchRadius, border, graded);
        using var remembered = RandomImages(5, size, seed: 1);
        using var queries = RandomImages(3, size, seed: 2);
        using var memory = PatchMemory.Remember(remembered, capacity: 10, CPU, matching: matching);
        var pixels = Assert.IsType<PixelPatches>(memory.Descriptors);
        Assert.Equal((patch, stride, (size - patch) / stride + 1), (pixels.PatchSize, pixels.Stride, memory.GridSize));

        using var maps = memory.DistanceMaps(queries);

        // The memory keeps its images at 16-bit precision, as model files store them.
        var expected = BruteForce(memory.Images.data<float>().ToArray(), 5, queries.data<float>().ToArray(), 3, size, patch, stride, matching);
        Assert.Equal([3L, memory.GridSize, memory.GridSize], maps.shape);
        var actual = maps.data<float>().ToArray();
        Assert.All(Enumerable.Range(0, actual.Length), k =>
            Assert.Equal(expected[k / (memory.GridSize * memory.GridSize), k / memory.GridSize % memory.GridSize, k % memory.GridSize], actual[k], 1e-3f));
    }

    [Fact]
    public void ARememberedImage_IsAtDistanceZero_UnlessItIsExcluded_ThenItMeetsTheOthers()
    {
        using var remembered = RandomImages(4, 32, seed: 3);
        using var memory = PatchMemory.Remember(remembered, capacity: 4, CPU);
        using var second = memory.Images.narrow(0, 1, 1);

        using var self = memory.DistanceMaps(second);
        using var others = memory.DistanceMaps(second, exclude: [1]);

        Assert.Equal(0, self.max().item<float>(), 3);
        var expected = BruteForce(memory.Images.data<float>().ToArray(), 4, second.contiguous().data<float>().ToArray(), 1, 32, 2, 1, PlaceMatching.Default, exclude: [1]);
        var actual = others.data<float>().ToArray();
        Assert.All(Enumerable.Range(0, actual.Length), k => Assert.Equal(expected[0, k / 31, k % 31], actual[k], 1e-3f));
        Assert.True(others.mean().item<float>() > 0.3, $"mean distance to the other images {others.mean().item<float>()}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AnImageShiftedBySearchRadiusSteps_StillMatches_OneStepFurther_ItDoesNot(int searchRadius)
    {
        using var remembered = RandomImages(1, 32, seed: 4);
        using var memory = PatchMemory.Remember(remembered, capacity: 1, CPU, matching: new PlaceMatching(searchRadius, Border: 0));
        // Interior patches of a copy shifted right by r steps (1 px each at 32 px) find their twin r places away.
        using var within = memory.Images.roll(searchRadius, 3);
        using var beyond = memory.Images.roll(searchRadius + 1, 3);

        using var near = memory.DistanceMaps(within);
        using var far = memory.DistanceMaps(beyond);

        Assert.Equal(0, near[0, .., (searchRadius + 1)..^(searchRadius + 1)].max().item<float>(), 3);
        Assert.True(far[0, .., (searchRadius + 2)..^(searchRadius + 2)].min().item<float>() > 0.1);
    }

    [Fact]
    public void GradedMatching_ChargesAMatchFoundFurtherAway_ByTheRadiiItMisses()
    {
        using var remembered = RandomImages(1, 32, seed: 4);
        var matching = new PlaceMatching(SearchRadius: 2, Border: 0, Graded: true);
        using var memory = PatchMemory.Remember(remembered, capacity: 1, CPU, matching: matching);
        using var plain = PatchMemory.Remember(remembered, capacity: 1, CPU, matching: matching with { Graded = false });
        using var same = memory.Images.clone();
        using var shiftedOnce = memory.Images.roll(1, 3);
        using var shiftedTwice = memory.Images.roll(2, 3);
        using var atPlace = PatchMemory.Remember(remembered, capacity: 1, CPU, matching: new PlaceMatching(0, 0));
        using var withinOne = PatchMemory.Remember(remembered, capacity: 1, CPU, matching: new PlaceMatching(1, 0));

        using var maps = memory.DistanceMaps(cat([same, shiftedOnce, shiftedTwice], 0));
        using var plainMaps = plain.DistanceMaps(cat([shiftedOnce, shiftedTwice], 0));

        // Interior places (away from the wrapped columns) find their twin 0, 1 and 2 places away: without grading
        // all three are at distance 0; graded, the twin found at radius k leaves the k radii below it unmatched.
        Assert.Equal(0, maps[0].Interior().abs().max().item<float>(), 3);
        Assert.Equal(0, plainMaps.Interior().abs().max().item<float>(), 3);
        using var once = atPlace.DistanceMaps(shiftedOnce)[0] / 3;
        using var twice = (atPlace.DistanceMaps(shiftedTwice)[0] + withinOne.DistanceMaps(shiftedTwice)[0]) / 3;
        Assert.True(once.Interior().mean().item<float>() > 0.3, "a place one step from its twin is charged");
        Assert.Equal(0, (once - maps[1]).Interior().abs().max().item<float>(), 4);
        Assert.Equal(0, (twice - maps[2]).Interior().abs().max().item<float>(), 4);
    }

    [Fact]
    public void TheBorder_IsNotScored_AChangeThereLeavesTheScore_AChangeInsideRaisesIt()
    {
        using var remembered = RandomImages(3, 32, seed: 8);
        using var memory = PatchMemory.Remember(remembered, capacity: 3, CPU, matching: new PlaceMatching(1, Border: 2));
        using var image = memory.Images.narrow(0, 0, 1).clone();
        // Places are 2 px patches every pixel at 32 px: a border of 2 places covers pixels 0 to 2 along each edge.
        using var inBorder = image.clone();
        inBorder[0, 0, 0..2, ..] = tensor(0.9f);
        using var inside = image.clone();
        inside[0, 0, 10..12, 10..12] = tensor(0.9f);

        using var maps = memory.DistanceMaps(cat([image, inBorder, inside], 0));
        var raw = PatchMemory.RawScores(maps).data<float>().ToArray();

        Assert.Equal(0f, maps[.., 0..2, ..].abs().max().item<float>());
        Assert.Equal(0f, maps[.., .., ^2..].abs().max().item<float>());
        Assert.Equal(0f, raw[0], 3);
        Assert.Equal(0f, raw[1], 3);
        Assert.True(raw[2] > 0.5f, $"a patch changed inside scores {raw[2]}");
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(-1, 0)]
    public void AMatchingThatLeavesNothingToScore_OrANegativeOne_IsRejected(int searchRadius, int border)
    {
        using var images = RandomImages(1, 32, seed: 9);
        var error = Assert.ThrowsAny<ArgumentException>(() => PatchMemory.Remember(images, capacity: 1, CPU, matching: new PlaceMatching(searchRadius, border)));
        Assert.Contains(border > 0 ? "A border of 16 places leaves no place of a 31 x 31 grid to score" : "matching", error.Message);
    }

    [Fact]
    public void RememberedRawScores_AreEachRememberedImagesScoreAgainstTheOthers()
    {
        using var remembered = RandomImages(6, 32, seed: 7);
        using var memory = PatchMemory.Remember(remembered, capacity: 6, CPU);

        var scores = memory.RememberedRawScores(4, batchSize: 3);

        Assert.Equal(4, scores.Count);
        for (int i = 0; i < 4; i++)
        {
            using var image = memory.Images.narrow(0, i, 1);
            using var alone = PatchMemory.RawScores(memory.DistanceMaps(image, exclude: [i]));
            Assert.Equal(alone.item<float>(), scores[i], 5);
        }
        Assert.Same(scores, memory.RememberedRawScores(4, batchSize: 3));
    }

    [Fact]
    public void Remember_KeepsAtMostItsCapacity_EvenlySpacedThroughTheSet()
    {
        using var images = arange(10, dtype: ScalarType.Float32).view(10, 1, 1, 1).expand(10, 1, 32, 32).contiguous();

        using var memory = PatchMemory.Remember(images, capacity: 4, CPU);

        Assert.Equal(4, memory.Count);
        Assert.Equal([0f, 2f, 5f, 7f], memory.Images[.., 0, 0, 0].data<float>().ToArray());
    }

    [Fact]
    public void RawScores_AreEachMapsLargestDistance_AndPixelMapsCoverTheImage()
    {
        using var remembered = RandomImages(2, 32, seed: 5);
        using var memory = PatchMemory.Remember(remembered, capacity: 2, CPU);
        using var maps = tensor(new float[] { 1, 2, 3, 9, 0, 0, 0, 0 }, [2, 2, 2]);

        using var raw = PatchMemory.RawScores(maps);
        using var pixels = memory.PixelMaps(memory.DistanceMaps(remembered));

        Assert.Equal([9f, 0f], raw.data<float>().ToArray());
        Assert.Equal([2L, 1, 32, 32], pixels.shape);
    }

    [Fact]
    public void ImagesOfAnotherSize_AreRejectedClearly()
    {
        using var memory = PatchMemory.Remember(RandomImages(2, 32, seed: 6), capacity: 2, CPU);
        using var wrong = zeros(1, 1, 64, 64);
        var error = Assert.Throws<ArgumentException>(() => memory.DistanceMaps(wrong));
        Assert.Contains("compares (B, 1, 32, 32) images, got (1, 1, 64, 64)", error.Message);
    }
}

file static class ColumnRanges
{
    /// <summary>The columns of a map away from the 4 columns at each side that a roll by 1 or 2 wraps or reaches.</summary>
    public static Tensor Interior(this Tensor maps) => maps[TensorIndex.Ellipsis, TensorIndex.Slice(4, -4)];
}
