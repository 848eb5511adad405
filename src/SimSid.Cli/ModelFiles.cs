using Microsoft.ML;
using SimSid.MLNet;
using SimSid.Torch;

namespace SimSid.Cli;

/// <summary>Opens a trained model from a SimSID model file, a training checkpoint, or an ML.NET model zip.</summary>
internal sealed class ModelFiles : IDisposable
{
    private readonly IDisposable? owner;

    private ModelFiles(SimSidModel model, IDisposable? owner)
    {
        Model = model;
        this.owner = owner;
    }

    /// <summary>The SimSID model.</summary>
    public SimSidModel Model { get; }

    /// <summary>Opens <paramref name="path"/> on <paramref name="device"/> (null: the stored device, or the CPU).</summary>
    public static ModelFiles Open(string path, string? device)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The model file \"{path}\" does not exist.", path);
        if (!IsZip(path)) return new ModelFiles(SimSidModel.Load(path, device), null);

        var ml = new MLContext();
        ITransformer loaded;
        try
        {
            loaded = ml.Model.Load(path, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException)
        {
            var root = e;
            while (root.InnerException is not null) root = root.InnerException;
            throw new InvalidDataException($"\"{path}\" could not be loaded as an ML.NET model zip: {root.Message}", e);
        }
        var transformer = Find(loaded) ?? throw new InvalidDataException(
            $"\"{path}\" is an ML.NET model zip without a SimSID transformer; save a pipeline that ends with mlContext.Transforms.SimSid(...).");
        var model = transformer.TorchModel ?? throw new InvalidDataException($"\"{path}\": its SimSID transformer holds no SimSID network.");
        return new ModelFiles(model, transformer);
    }

    public void Dispose()
    {
        if (owner is null) Model.Dispose();
        else owner.Dispose();
    }

    private static SimSidTransformer? Find(ITransformer transformer) => transformer switch
    {
        SimSidTransformer simsid => simsid,
        IEnumerable<ITransformer> chain => chain.Select(Find).LastOrDefault(t => t is not null),
        _ => null,
    };

    private static bool IsZip(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return file.Read(head) == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }
}
