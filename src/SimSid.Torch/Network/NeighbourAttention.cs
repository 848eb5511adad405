using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SimSid.Torch.Network;

/// <summary>
/// Multi-head attention of one query vector per window over its neighbours' vectors
/// (the in-painting block's attention; same parameters and maths as a PyTorch MultiheadAttention
/// with packed input projections and no dropout).
/// </summary>
public sealed class NeighbourAttention : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "in_proj_weight")]
    private readonly Parameter inProjWeight;
    [ComponentName(Name = "in_proj_bias")]
    private readonly Parameter inProjBias;
    [ComponentName(Name = "out_proj")]
    private readonly Linear outProj;
    private readonly int heads;

    /// <summary>Creates attention over vectors of length <paramref name="dim"/> with <paramref name="heads"/> heads.</summary>
    public NeighbourAttention(int dim, int heads) : base(nameof(NeighbourAttention))
    {
        this.heads = heads;
        inProjWeight = new Parameter(nn.init.xavier_uniform_(empty(3L * dim, dim)));
        inProjBias = new Parameter(zeros(3L * dim));
        outProj = nn.Linear(dim, dim);
        using (no_grad()) outProj.bias!.zero_();
        RegisterComponents();
    }

    /// <summary>Queries (N, D) attend over neighbours (N, K, D), which are both keys and values: returns (N, D).</summary>
    public override Tensor forward(Tensor query, Tensor neighbours)
    {
        long n = query.shape[0], dim = query.shape[1], k = neighbours.shape[1], headDim = dim / heads;
        var w = inProjWeight.chunk(3, 0);
        var bias = inProjBias.chunk(3, 0);
        var q = FewRowProducts.Linear(this, query, w[0], bias[0]).view(n, heads, 1, headDim);
        var keys = FewRowProducts.Linear(this, neighbours, w[1], bias[1]).view(n, k, heads, headDim).transpose(1, 2);
        var values = FewRowProducts.Linear(this, neighbours, w[2], bias[2]).view(n, k, heads, headDim).transpose(1, 2);
        var scores = q.matmul(keys.transpose(2, 3)).div(HeldScalars.Of(Math.Sqrt(headDim)));
        var attended = nn.functional.softmax(scores, -1).matmul(values);
        return FewRowProducts.Linear(this, attended.reshape(n, dim), outProj.weight!, outProj.bias);
    }
}
