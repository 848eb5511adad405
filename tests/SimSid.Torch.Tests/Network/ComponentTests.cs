using SimSid.Torch.Network;
using static TorchSharp.torch;

namespace SimSid.Torch.Tests.Network;

public sealed class ComponentTests
{
    [Fact]
    public void Windows_SplitInRowMajorOrder_AndMergeInvertsIt()
    {
        using var scope = NewDisposeScope();
        var image = arange(2 * 3 * 4 * 4, dtype: ScalarType.Float32).view(2, 3, 4, 4);

        var windows = Windows.Split(image, 2);

        Assert.Equal([8, 3, 2, 2], windows.shape);
        // image 1, window (row 1, col 0) = 4th window of image 1, rows 2-3 and columns 0-1.
        Assert.True(allclose(windows[6], image[1, .., 2..4, 0..2]));
        Assert.True(allclose(Windows.Merge(windows, 2), image));
    }

    [Fact]
    public void SparseAddressing_KeepsWeightsAboveTheKthLargest_AndPassesTheDenseGradient()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 4, 1, 3, 0, 2, 5 }, [1, 6]).requires_grad_();

        var weights = SparseAddressing.Weights(logits, topK: 3);

        var dense = nn.functional.softmax(logits.detach(), 1);
        var w = weights.detach().data<float>().ToArray();
        // Top three are 5, 4, 3; the third (logit 3) sits at the threshold and is dropped too.
        Assert.Equal(0f, w[1]);
        Assert.Equal(0f, w[2]);
        Assert.Equal(0f, w[3]);
        Assert.Equal(0f, w[4]);
        float d0 = dense[0, 0].item<float>(), d5 = dense[0, 5].item<float>();
        Assert.Equal(d0 / (d0 + d5), w[0], 5);
        Assert.Equal(d5 / (d0 + d5), w[5], 5);

        var probe = tensor(new float[] { 1, -2, 0.5f, 3, 0, 1 }, [1, 6]);
        (weights * probe).sum().backward();
        var expected = logits.detach().requires_grad_();
        (nn.functional.softmax(expected, 1) * probe).sum().backward();
        Assert.True(allclose(logits.grad!, expected.grad!, atol: 1e-6));
    }

    [Fact]
    public void ReadEach_ReadsEveryWindowFromItsOwnMemory_AsSeparateReadsWould_GradientsIncluded()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var memories = Enumerable.Range(0, 3).Select(_ => new MemoryMatrix(slotCount: 6, dim: 4, topK: 2)).ToList();
        var queries = randn(5, 3, 4, requires_grad: true);
        var probe = randn(5, 3, 4);

        var batched = SlotMemory.ReadEach(memories, queries);
        (batched * probe).sum().backward();
        var batchedGradients = memories.Select(m => m.parameters().Single().grad!.clone()).ToList();
        var batchedQueryGradient = queries.grad!.clone();
        foreach (var m in memories) m.zero_grad();
        queries.grad!.zero_();

        var separate = stack(memories.Select((m, w) => m.call(queries.select(1, w))), dim: 1);
        (separate * probe).sum().backward();

        Assert.Equal([5, 3, 4], batched.shape);
        Assert.True(allclose(batched, separate, atol: 1e-6));
        // A window's reading differs from what another window's memory would give.
        Assert.False(allclose(batched.select(1, 0), memories[1].call(queries.select(1, 0)), atol: 1e-3));
        for (int w = 0; w < memories.Count; w++)
            Assert.True(allclose(batchedGradients[w], memories[w].parameters().Single().grad!, atol: 1e-6), $"memory {w}'s slot gradient");
        Assert.True(allclose(batchedQueryGradient, queries.grad!, atol: 1e-6));
        var unequal = memories.Take(2).Append(new MemoryMatrix(slotCount: 6, dim: 4, topK: 3)).ToList();
        Assert.Contains("equal shape and sparsity", Assert.Throws<ArgumentException>(() => SlotMemory.ReadEach(unequal, queries)).Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(2)]
    [InlineData(1)]
    public void ScoringReads_OfLargeMemories_SumOnlyTheNonZeroWeightedSlots_AndGiveWhatTrainingReadsGive(int topK)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        // Three memories of 200 slots of 2,048 values, the zhang in-painting block's: large enough for the scoring form.
        var memories = Enumerable.Range(0, 3).Select(_ => new MemoryMatrix(slotCount: 200, dim: 2048, topK: topK)).ToList();
        var queries = randn(7, 3, 2048);
        var trained = SlotMemory.ReadEach(memories, queries).detach();

        foreach (var m in memories) m.eval();
        using var noGradient = no_grad();
        var scored = SlotMemory.ReadEach(memories, queries);

        Assert.Equal([7, 3, 2048], scored.shape);
        Assert.True(allclose(scored, trained, atol: 1e-6));
        // With k = 1 the addressing keeps no slot, so every reading is zero.
        Assert.Equal(topK == 1, scored.abs().max().item<float>() == 0);
    }

    [Fact]
    public void FewRowLinear_IsTheLinearMap_ForLargeWeightsWhenScoring_AndLibtorchsLinearOtherwise()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var owner = new MemoryMatrix(slotCount: 2, dim: 2, topK: 2);
        var large = randn(1024, 1024);
        var small = randn(9, 1024);
        var bias = randn(1024);
        var rows = randn(4, 1024);
        var nested = randn(3, 5, 1024);

        Assert.True(FewRowProducts.Linear(owner, rows, large, bias).equal(nn.functional.linear(rows, large, bias)).all().item<bool>());

        owner.eval();
        using var noGradient = no_grad();
        var scored = FewRowProducts.Linear(owner, rows, large, bias);
        var scoredNested = FewRowProducts.Linear(owner, nested, large, null);
        Assert.Equal([4, 1024], scored.shape);
        Assert.Equal([3, 5, 1024], scoredNested.shape);
        Assert.True(allclose(scored, nn.functional.linear(rows, large, bias), atol: 1e-4));
        Assert.True(allclose(scoredNested, nested.matmul(large.t()), atol: 1e-4));
        Assert.True(FewRowProducts.Linear(owner, rows, small, null).equal(nn.functional.linear(rows, small)).all().item<bool>());
        var batchedWeights = randn(2, 600, 1024);
        var batchedRows = randn(2, 5, 1024);
        Assert.True(allclose(FewRowProducts.TimesTransposed(batchedRows, batchedWeights), batchedRows.matmul(batchedWeights.transpose(1, 2)), atol: 1e-4));
    }

    [Fact]
    public void MemoryQueue_WritesAsARingBuffer()
    {
        using var scope = NewDisposeScope();
        using var queue = new MemoryQueue(slotCount: 5, dim: 2, topK: 1);
        Tensor Rows(params float[] ids) => tensor(ids.SelectMany(i => new[] { i, -i }).ToArray(), [ids.Length, 2]);
        float[] FirstColumn() => queue.state_dict()["slots"].select(1, 0).data<float>().ToArray();
        var initial = FirstColumn();

        queue.Write(Rows(1, 2, 3));
        Assert.Equal(3, queue.WritePosition);
        Assert.Equal(new[] { 1f, 2, 3, initial[3], initial[4] }, FirstColumn());

        queue.Write(Rows(4, 5, 6));
        Assert.Equal(1, queue.WritePosition);
        Assert.Equal(new[] { 6f, 2, 3, 4, 5 }, FirstColumn());

        queue.Write(Rows(7, 8, 9, 10, 11, 12, 13));
        Assert.Equal(3, queue.WritePosition);
        // Row by row the 7 values land on slots 1, 2, 3, 4, 0, 1, 2.
        Assert.Equal(new[] { 11f, 12, 13, 9, 10 }, FirstColumn());
        Assert.Equal(-12f, queue.state_dict()["slots"][1, 1].item<float>());
    }

    [Fact]
    public void MemoryQueue_IsReadButNotLearned()
    {
        using var scope = NewDisposeScope();
        using var queue = new MemoryQueue(slotCount: 4, dim: 3, topK: 2);
        Assert.Empty(queue.parameters());
        var query = randn(2, 3, requires_grad: true);
        var output = queue.call(query);
        Assert.Equal([2, 3], output.shape);
        output.sum().backward();
        Assert.NotNull(query.grad);
    }

    [Fact]
    public void MaskedShortcuts_MixOnlyInTraining()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var memory = new SpaceAwareMemory(channels: 3, side: 4, windowCount: 4, slots: 6, topK: 2, maskRatio: 0.5);
        var x = randn(2, 3, 4, 4);

        memory.eval();
        var read = memory.call(x);
        memory.train();
        var mixed = memory.call(x);

        var fromInput = mixed.isclose(x).all(1);
        var fromMemory = mixed.isclose(read).all(1);
        Assert.True((fromInput | fromMemory).all().item<bool>(), "each pixel is the memory reading or the input");
        long inputPixels = fromInput.sum().item<long>();
        Assert.InRange(inputPixels, 4, 28);
        memory.eval();
        Assert.True(allclose(memory.call(x), read), "eval mode is deterministic and unmixed");
    }

    [Fact]
    public void Inpainting_RemembersWindowVectorsOnlyInTraining_AndWritesThemPerWindowPosition()
    {
        using var scope = NewDisposeScope();
        var options = SimSidPresets.Tiny.Network;
        using var g = new SimSidGenerator(options);
        var queues = g.Inpainting.Memories.Cast<MemoryQueue>().ToList();
        var image = rand(3, 1, 32, 32);

        g.eval();
        g.call(image);
        Assert.Null(g.Inpainting.LastWindowVectors);

        g.train();
        g.call(image);
        var remembered = g.Inpainting.LastWindowVectors!.clone();
        Assert.Equal([3L, 4, options.InpaintingChannels], remembered.shape);
        g.Inpainting.WriteQueues();

        Assert.Null(g.Inpainting.LastWindowVectors);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(3, queues[i].WritePosition);
            Assert.True(allclose(queues[i].state_dict()["slots"].narrow(0, 0, 3), remembered.select(1, i)));
        }
    }
}
