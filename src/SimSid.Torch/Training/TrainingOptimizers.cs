using SimSid.Torch.Persistence;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Training;

/// <summary>
/// The two Adam optimisers of a run: the generator's (cosine-annealed learning rate, weight decay) and the
/// discriminator's (constant learning rate); their states go into checkpoints.
/// </summary>
internal sealed class TrainingOptimizers : IDisposable
{
    public TrainingOptimizers(SimSidModel model, TrainingOptions t)
    {
        Generator = new SimSidAdam(model.Generator.parameters(), t.LearningRate, t.AdamBeta1, t.AdamBeta2, t.GeneratorAdamEpsilon, t.GeneratorWeightDecay);
        Discriminator = new SimSidAdam(model.Discriminator.parameters(), t.DiscriminatorLearningRate, t.AdamBeta1, t.AdamBeta2);
    }

    public OptimizerHelper Generator { get; }

    public OptimizerHelper Discriminator { get; }

    public void SetGeneratorLearningRate(double learningRate)
    {
        foreach (var group in Generator.ParamGroups) group.LearningRate = learningRate;
    }

    public byte[] GeneratorState() => StateBytes(Generator);

    public byte[] DiscriminatorState() => StateBytes(Discriminator);

    /// <exception cref="ModelFileException">A state does not fit these optimisers.</exception>
    public void Restore(byte[] generatorState, byte[] discriminatorState)
    {
        LoadState(Generator, generatorState, "generator");
        LoadState(Discriminator, discriminatorState, "discriminator");
    }

    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
    }

    private static byte[] StateBytes(OptimizerHelper optimizer)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        return memory.ToArray();
    }

    private static void LoadState(OptimizerHelper optimizer, byte[] bytes, string what)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException)
        {
            throw new ModelFileException($"The checkpoint's {what} optimizer state does not fit this network ({e.Message}).", e);
        }
    }
}
