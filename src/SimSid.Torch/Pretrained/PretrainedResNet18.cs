using static TorchSharp.torch;

namespace SimSid.Torch.Pretrained;

/// <summary>
/// The first stages of an ImageNet-trained ResNet-18 (stem, then two residual blocks per stage: 128 channels at
/// 1/8 of the input side after the second stage, 256 at 1/16 after the third), run from the ONNX model that ML.NET's
/// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package ships. The graph is executed node by node with torch
/// operators up to the ReLU after the last residual addition of the stage asked for; only Conv, BatchNormalization,
/// Relu, MaxPool and Add occur there. Inference only.
/// </summary>
public sealed class PretrainedResNet18 : IDisposable
{
    /// <summary>The environment variable that names the ONNX file when it is not beside the application.</summary>
    public const string WeightsVariable = "SIMSID_RESNET18_ONNX";

    /// <summary>Where the package puts the ONNX file in an application's output folder.</summary>
    public static string BundledPath { get; } = Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The ONNX file used: <see cref="WeightsVariable"/> when set, else <see cref="BundledPath"/>.</summary>
    public static string WeightsPath => Environment.GetEnvironmentVariable(WeightsVariable) is { Length: > 0 } path ? path : BundledPath;

    /// <summary>True when <see cref="WeightsPath"/> exists.</summary>
    public static bool IsAvailable => File.Exists(WeightsPath);

    /// <summary>Channels of the features after <paramref name="stage"/>.</summary>
    public static int Channels(ResNetStage stage) => 32 << (int)stage;

    /// <summary>Input side divided by the side of the features after <paramref name="stage"/>.</summary>
    public static int Stride(ResNetStage stage) => 2 << (int)stage;

    // The network's inputs are BGR pixels in [0, 255] minus these means (its preprocessing graph's mean image, averaged per channel).
    private static readonly float[] ChannelMeans = [103.06262f, 115.90289f, 123.15163f];

    private readonly IReadOnlyList<Step> steps;
    private readonly string input;
    private readonly Tensor means;
    // The index of each stage's last step, by stage.
    private readonly Dictionary<ResNetStage, int> stageEnds;

    /// <summary>
    /// One operation of the compiled graph: a convolution (with the batch normalisation after it folded into its
    /// weight and bias), a ReLU, a max-pooling or an addition; <see cref="LastUses"/> are the values no
    /// later step reads, freed once it has run.
    /// </summary>
    private sealed record Step(string Operator, string[] Inputs, string Output, Tensor? Weight, Tensor? Bias, long[] Kernel, long[] Strides, long[] Pads)
    {
        public string[] LastUses { get; set; } = [];
    }

    private PretrainedResNet18(IReadOnlyList<Step> steps, string input, Device device)
    {
        this.steps = steps;
        this.input = input;
        means = tensor(ChannelMeans, [1, 3, 1, 1]).to(device);
        stageEnds = [];
        // A stage ends with the ReLU after the addition of its last block.
        for (int i = 1, additions = 0; i < steps.Count; i++)
        {
            if (steps[i - 1].Operator != "Add" || steps[i].Operator != "Relu") continue;
            if (++additions % BlocksPerStage == 0) stageEnds[(ResNetStage)(additions / BlocksPerStage)] = i;
        }
        LastStage = stageEnds.Keys.Max();
    }

    // ResNet-18 has two residual blocks per stage.
    private const int BlocksPerStage = 2;

    /// <summary>The last stage this network computes.</summary>
    public ResNetStage LastStage { get; }

    /// <summary>Reads the network up to the end of <paramref name="lastStage"/> from the ONNX file at <paramref name="path"/> onto <paramref name="device"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not the ResNet-18 this class expects.</exception>
    public static PretrainedResNet18 Load(string path, Device device, ResNetStage lastStage = ResNetStage.Second)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The pretrained ResNet-18 weights are not at \"{path}\". They come with the application (the Microsoft.ML.DnnImageFeaturizer.ResNet18 " +
                $"package's DnnImageModels/ResNet18Onnx/ResNet18.onnx); set {WeightsVariable} to the file's path when it lives elsewhere.", path);
        var graph = OnnxGraph.Read(path);
        var nodes = UpToBlock(graph.Nodes, BlocksPerStage * (int)lastStage, path);
        var steps = Compile(nodes, graph, device, path);
        return new PretrainedResNet18(steps, nodes[0].Inputs[0], device);
    }

    private static List<OnnxNode> UpToBlock(IReadOnlyList<OnnxNode> all, int blocks, string path)
    {
        var used = new List<OnnxNode>();
        int additions = 0;
        foreach (var node in all)
        {
            if (node.Operator is not ("Conv" or "BatchNormalization" or "Relu" or "MaxPool" or "Add"))
                break;
            used.Add(node);
            if (node.Operator == "Add") additions++;
            if (additions == blocks && node.Operator == "Relu")
                return used;
        }
        throw new InvalidDataException($"\"{path}\" is not the ImageNet ResNet-18 expected: its graph does not start with {blocks} residual blocks.");
    }

    private static List<Step> Compile(List<OnnxNode> nodes, OnnxGraph graph, Device device, string path)
    {
        OnnxTensor Weight(string name) => graph.Weights.TryGetValue(name, out var w) ? w
            : throw new InvalidDataException($"\"{path}\" lacks the weight {name}.");
        var steps = new List<Step>();
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Operator == "BatchNormalization")
                throw new InvalidDataException($"\"{path}\": a batch normalisation that does not follow a convolution is not supported.");
            if (node.Operator != "Conv")
            {
                steps.Add(new Step(node.Operator, [.. node.Inputs], node.Outputs[0], null, null, node.Ints("kernel_shape", 1, 1),
                    node.Ints("strides", 1, 1), node.Ints("pads", 0, 0, 0, 0)));
                continue;
            }
            var w = Weight(node.Inputs[1]);
            var weight = (float[])w.Values.Clone();
            var bias = node.Inputs.Count > 2 ? (float[])Weight(node.Inputs[2]).Values.Clone() : new float[w.Shape[0]];
            string output = node.Outputs[0];
            if (i + 1 < nodes.Count && nodes[i + 1] is { Operator: "BatchNormalization" } bn && bn.Inputs[0] == output)
            {
                // y = gamma (conv(x) + b - mean) / sqrt(var + eps) + beta, folded into the convolution.
                var (gamma, beta, mean, variance) = (Weight(bn.Inputs[1]).Values, Weight(bn.Inputs[2]).Values, Weight(bn.Inputs[3]).Values, Weight(bn.Inputs[4]).Values);
                int perChannel = weight.Length / gamma.Length;
                for (int c = 0; c < gamma.Length; c++)
                {
                    float scale = gamma[c] / MathF.Sqrt(variance[c] + 1e-5f);
                    for (int k = 0; k < perChannel; k++) weight[c * perChannel + k] *= scale;
                    bias[c] = (bias[c] - mean[c]) * scale + beta[c];
                }
                output = bn.Outputs[0];
                i++;
            }
            steps.Add(new Step("Conv", [node.Inputs[0]], output, ChannelsLast(tensor(weight, w.Shape).to(device)), tensor(bias).to(device),
                [w.Shape[2], w.Shape[3]], node.Ints("strides", 1, 1), node.Ints("pads", 0, 0, 0, 0)));
        }
        for (int i = 0; i < steps.Count - 1; i++)
            steps[i].LastUses = [.. steps[i].Inputs.Where(name => !steps.Skip(i + 1).Any(later => later.Inputs.Contains(name)))];
        return steps;
    }

    /// <summary>
    /// Features after <paramref name="stage"/> (B, <see cref="Channels"/>, H / <see cref="Stride"/>, W / <see cref="Stride"/>) of
    /// grayscale images (B, 1, H, W) in [-1, 1]: each image is given to the network as three equal colour channels. Call
    /// without gradient.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The network was loaded only up to an earlier stage.</exception>
    public Tensor Forward(Tensor images, ResNetStage stage = ResNetStage.Second) => Forward(images, [stage])[0];

    /// <summary>
    /// The features after each of <paramref name="stages"/> (distinct), in their order, from one pass of the images: an
    /// earlier stage's features are on the way to a later one's (see <see cref="Forward(Tensor, ResNetStage)"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The network was loaded only up to an earlier stage.</exception>
    /// <exception cref="ArgumentException">No stage, or a stage named twice.</exception>
    public IReadOnlyList<Tensor> Forward(Tensor images, IReadOnlyList<ResNetStage> stages)
    {
        if (stages.Count == 0 || stages.Distinct().Count() != stages.Count)
            throw new ArgumentException($"Name each stage once (got {string.Join(", ", stages)}).", nameof(stages));
        foreach (var stage in stages) RequireStage(stage, nameof(stages));
        var outputs = stages.Select(stage => steps[stageEnds[stage]].Output).ToList();
        int end = stages.Max(stage => stageEnds[stage]);
        using var scope = NewDisposeScope();
        var values = new Dictionary<string, Tensor> { [input] = images.Plus(1).mul(HeldScalars.Of(127.5)).expand(-1, 3, -1, -1) - means };
        // The stages run one after the other: no value before a stage's end is read after it, so stopping there frees all the others.
        foreach (var step in steps.Take(end + 1))
        {
            values[step.Output] = Apply(step, values);
            // Intermediate values die as soon as no later step reads them: at 256 px and a batch of 32 they are 30-130 MB each.
            foreach (var name in step.LastUses.Where(name => !outputs.Contains(name)))
            {
                values[name].Dispose();
                values.Remove(name);
            }
        }
        return [.. outputs.Select(name => values[name].MoveToOuterDisposeScope())];
    }

    /// <exception cref="ArgumentOutOfRangeException">The network was loaded only up to an earlier stage than <paramref name="stage"/>.</exception>
    internal void RequireStage(ResNetStage stage, string paramName)
    {
        if (!stageEnds.ContainsKey(stage))
            throw new ArgumentOutOfRangeException(paramName, stage, $"The network was loaded up to its {LastStage.ToString().ToLowerInvariant()} stage.");
    }

    private static Tensor Apply(Step step, Dictionary<string, Tensor> values) => step.Operator switch
    {
        "Conv" when IsSymmetric(step.Pads) => nn.functional.conv2d(values[step.Inputs[0]], step.Weight!, step.Bias, strides: step.Strides, padding: [step.Pads[0], step.Pads[1]]),
        "Conv" => nn.functional.conv2d(Padded(values[step.Inputs[0]], step.Pads, 0), step.Weight!, step.Bias, strides: step.Strides),
        "Relu" => nn.functional.relu(values[step.Inputs[0]]),
        "Add" => values[step.Inputs[0]].Plus(values[step.Inputs[1]]),
        _ => MaxPool(values[step.Inputs[0]], step.Kernel, step.Strides, step.Pads),
    };

    /// <summary>
    /// Max-pooling of x (B, C, H, W), padded with -infinity by the ONNX <paramref name="pads"/>. Symmetric pads are
    /// left to the kernel, which skips them: for the channels-last features of this network (see
    /// <see cref="ChannelsLast"/>) that took 2-3 ms for ResNet's 3 x 3 pooling of four images' 64 x 128 x 128 maps,
    /// against 5-6 ms for the explicit padding uneven pads need and 8-15 ms for maxima of strided views (2 cores).
    /// </summary>
    internal static Tensor MaxPool(Tensor x, long[] kernel, long[] strides, long[] pads) =>
        IsSymmetric(pads) && pads[0] <= kernel[0] / 2 && pads[1] <= kernel[1] / 2
            ? nn.functional.max_pool2d(x, kernel, strides, [pads[0], pads[1]])
            : nn.functional.max_pool2d(Padded(x, pads, double.NegativeInfinity), kernel, strides);

    /// <summary>
    /// The same weights stored channels-last. A convolution with channels-last weights gives channels-last features,
    /// which the following ones read as they are; in the default layout every convolution converts its input to the
    /// CPU kernels' blocked layout and its output back. Four 256-pixel images through the network: 78-106 ms
    /// instead of 114-125 ms (2 cores, AMD EPYC Zen 3); the features agree to float rounding.
    /// </summary>
    private static Tensor ChannelsLast(Tensor weight)
    {
        using var plain = weight;
        using var inputChannelsInnermost = plain.permute(0, 2, 3, 1); // (out, kh, kw, in)
        using var stored = inputChannelsInnermost.contiguous();
        return stored.permute(0, 3, 1, 2);                              // (out, in, kh, kw) again, strides unchanged
    }

    private static bool IsSymmetric(long[] p) => p[0] == p[2] && p[1] == p[3];

    // ONNX pads are (top, left, bottom, right) and may differ per side; torch's pad takes (left, right, top, bottom).
    private static Tensor Padded(Tensor x, long[] p, double value) =>
        p.All(v => v == 0) ? x : nn.functional.pad(x, [p[1], p[3], p[0], p[2]], TorchSharp.PaddingModes.Constant, value);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var step in steps)
        {
            step.Weight?.Dispose();
            step.Bias?.Dispose();
        }
        means.Dispose();
    }
}
