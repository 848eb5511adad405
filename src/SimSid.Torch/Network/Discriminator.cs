using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// The discriminator: conv5x5 stride 2 (1 to 16) + LeakyReLU(0.2), then layers of conv5x5 stride 2
/// + BatchNorm + LeakyReLU(0.2) with widths min(16 * 2^(k+1), 256), flatten, linear to one logit.
/// </summary>
public sealed class Discriminator : nn.Module<Tensor, Tensor>
{
    private const double Slope = 0.2;
    private readonly Conv2d stem;
    private readonly ModuleList<Conv2d> convs;
    private readonly ModuleList<SimSidBatchNorm2d> norms;
    private readonly Linear classifier;

    /// <summary>Creates the discriminator for images of the network described by <paramref name="options"/>.</summary>
    public Discriminator(NetworkOptions options) : base(nameof(Discriminator))
    {
        stem = nn.Conv2d(1, 16, 5, stride: 2, padding: 2);
        var convList = new List<Conv2d>();
        var normList = new List<SimSidBatchNorm2d>();
        int width = 16;
        for (int k = 0; k < options.DiscriminatorLayers; k++)
        {
            int next = NetworkOptions.DiscriminatorWidth(k);
            convList.Add(nn.Conv2d(width, next, 5, stride: 2, padding: 2));
            normList.Add(new SimSidBatchNorm2d(next));
            width = next;
        }
        convs = new ModuleList<Conv2d>(convList.ToArray());
        norms = new ModuleList<SimSidBatchNorm2d>(normList.ToArray());
        int side = options.DiscriminatorOutputSize;
        classifier = nn.Linear(width * side * side, 1);
        RegisterComponents();
    }

    /// <summary>Logits (B, 1) of images (B, 1, S, S); BatchNorm follows the module's train/eval mode.</summary>
    public override Tensor forward(Tensor images) => Run(images, perImage: false);

    /// <summary>
    /// Logits (B, 1) with every BatchNorm normalising each image with its own statistics, as a
    /// training-mode discriminator does on a batch of one; running statistics are neither used nor updated.
    /// </summary>
    public Tensor ForwardPerImage(Tensor images) => Run(images, perImage: true);

    private Tensor Run(Tensor images, bool perImage)
    {
        var x = stem.call(images).leaky_relu(HeldScalars.Of(Slope));
        for (int k = 0; k < convs.Count; k++)
        {
            var h = convs[k].call(x);
            var norm = norms[k];
            h = perImage
                ? nn.functional.instance_norm(h, weight: norm.weight, bias: norm.bias, eps: norm.eps)
                : norm.call(h);
            x = h.leaky_relu(HeldScalars.Of(Slope));
        }
        return classifier.call(x.flatten(1));
    }
}
