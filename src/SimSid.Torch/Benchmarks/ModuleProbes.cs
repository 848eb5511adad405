using System.Diagnostics;
using SimSid.Torch.Network;
using static TorchSharp.torch;

namespace SimSid.Torch.Benchmarks;

/// <summary>
/// Hooks on the modules of a model that <see cref="StepProfiler"/> reports: each instance's forward time inside
/// the real steps, its calls, and the inputs of its first call, from which its backward pass is replayed.
/// </summary>
internal sealed class ModuleProbes : IDisposable
{
    private readonly List<(string Name, int Depth, List<Probe> Instances)> groups = [];
    private readonly List<Action> removers = [];
    private bool replaying;

    public ModuleProbes(SimSidModel model)
    {
        var generator = model.Generator;
        var parts = generator.modules().ToList();
        Add("generator", 0, inGenerator: true, [generator]);
        Add("encoder", 1, inGenerator: true, parts.OfType<Encoder>());
        Add("in-painting block", 1, inGenerator: true, parts.OfType<InpaintingBlock>());
        Add("neighbour attention", 2, inGenerator: true, parts.OfType<NeighbourAttention>());
        Add("student decoder", 1, inGenerator: true, [generator.Student]);
        Add("space-aware memories", 2, inGenerator: true, parts.OfType<SpaceAwareMemory>());
        Add("teacher decoder", 1, inGenerator: true, parts.OfType<Decoder>().Where(d => !ReferenceEquals(d, generator.Student)));
        Add("discriminator", 0, inGenerator: false, [model.Discriminator]);
    }

    /// <summary>True while a measured step runs: forward passes are timed and counted.</summary>
    public bool Measuring { get; set; }

    /// <summary>Closes a step: its calls back-propagated through the discriminator, and through the generator when it trained.</summary>
    public void StepEnded(bool measured, bool trainedGenerator)
    {
        foreach (var probe in groups.SelectMany(g => g.Instances)) probe.StepEnded(measured, trainedGenerator);
    }

    /// <summary>One row per module, per measured step, backward passes replayed <paramref name="replays"/> times each.</summary>
    public List<ModuleTime> Rows(int measuredSteps, int replays)
    {
        replaying = true;
        try
        {
            var rows = groups.Where(g => g.Instances.Count > 0).Select(g => new ModuleTime(g.Name, g.Depth,
                g.Instances.Sum(p => p.Calls) / (double)measuredSteps,
                g.Instances.Sum(p => p.ForwardSeconds) / measuredSteps,
                g.Instances.Sum(p => p.BackwardCalls * p.ReplayBackward(replays)) / measuredSteps)).ToList();
            // A step that trains the discriminator only runs the generator's parts without its full forward pass
            // (no teacher): the generator's forward time and calls are those of its parts.
            var parts = rows.Skip(1).TakeWhile(r => r.Depth > 0).Where(r => r.Depth == 1).ToList();
            rows[0] = rows[0] with { CallsPerStep = parts[0].CallsPerStep, ForwardSeconds = parts.Sum(r => r.ForwardSeconds) };
            return rows;
        }
        finally
        {
            replaying = false;
        }
    }

    private void Add(string name, int depth, bool inGenerator, IEnumerable<nn.Module> modules)
    {
        var probes = new List<Probe>();
        foreach (var module in modules)
        {
            var probe = new Probe(inGenerator);
            Attach(module, probe);
            probes.Add(probe);
        }
        groups.Add((name, depth, probes));
    }

    private void Attach(nn.Module module, Probe probe)
    {
        switch (module)
        {
            case nn.Module<Tensor, Tensor> m: Hook(m, probe, x => [m.call(x)]); break;
            case nn.Module<Tensor, EncoderOutput> m: Hook(m, probe, x => { var e = m.call(x); return [e.Bottleneck, .. e.Skips]; }); break;
            case nn.Module<Tensor, GeneratorOutput> m: Hook(m, probe, x => Outputs(m.call(x))); break;
            case nn.Module<Tensor, Tensor, Tensor> m:
                Timed(m, probe);
                removers.Add(m.register_forward_pre_hook((_, a, b) => { probe.Capture(replaying, [a, b], xs => [m.call(xs[0], xs[1])]); return null; }).remove);
                break;
            case nn.Module<Tensor, IReadOnlyList<Tensor>, DecoderOutput> m:
                Timed(m, probe);
                removers.Add(m.register_forward_pre_hook((_, x, skips) =>
                {
                    probe.Capture(replaying, [x, .. skips], xs => Outputs(m.call(xs[0], xs[1..])));
                    return null;
                }).remove);
                break;
            default: throw new NotSupportedException($"No probe for {module.GetType().Name}.");
        }
    }

    private void Hook<TResult>(nn.Module<Tensor, TResult> module, Probe probe, Func<Tensor, Tensor[]> replay)
    {
        Timed(module, probe);
        removers.Add(module.register_forward_pre_hook((_, x) => { probe.Capture(replaying, [x], xs => replay(xs[0])); return null!; }).remove);
    }

    private void Timed<TPre, TPost>(nn.HookableModule<TPre, TPost> module, Probe probe)
    {
        removers.Add(module.register_forward_pre_hook(_ => { if (Measuring && !replaying) probe.Started(); }).remove);
        removers.Add(module.register_forward_hook(_ => { if (Measuring && !replaying) probe.Ended(); }).remove);
    }

    private static Tensor[] Outputs(GeneratorOutput o) =>
        [o.Reconstruction, .. new[] { o.TeacherReconstruction, o.DistillationLoss }.OfType<Tensor>()];

    private static Tensor[] Outputs(DecoderOutput o) => [o.Image, .. o.StageFeatures];

    public void Dispose()
    {
        foreach (var remove in removers) remove();
        foreach (var probe in groups.SelectMany(g => g.Instances)) probe.Dispose();
    }

    /// <summary>One module instance's measurements.</summary>
    private sealed class Probe(bool inGenerator) : IDisposable
    {
        private readonly Stopwatch clock = new();
        private int stepCalls;
        private Tensor[]? inputs;
        private Func<Tensor[], Tensor[]>? replay;

        public int Calls { get; private set; }
        public int BackwardCalls { get; private set; }
        public double ForwardSeconds => clock.Elapsed.TotalSeconds;

        public void Started() => clock.Start();

        public void Ended()
        {
            clock.Stop();
            Calls++;
            stepCalls++;
        }

        public void StepEnded(bool measured, bool trainedGenerator)
        {
            if (measured && (trainedGenerator || !inGenerator)) BackwardCalls += stepCalls;
            stepCalls = 0;
        }

        public void Capture(bool replaying, Tensor[] arguments, Func<Tensor[], Tensor[]> run)
        {
            if (replaying || inputs is not null) return;
            inputs = [.. arguments.Select(a => a.detach().clone().requires_grad_(a.requires_grad).DetachFromDisposeScope())];
            replay = run;
        }

        /// <summary>Median time of one backward pass through this instance, from the outputs of a fresh forward pass on the captured inputs.</summary>
        public double ReplayBackward(int times)
        {
            if (inputs is null || BackwardCalls == 0) return 0;
            var seconds = new List<double>();
            for (int i = 0; i < times; i++)
            {
                using var scope = NewDisposeScope();
                var fresh = inputs.Select(x => x.detach().clone().requires_grad_(x.requires_grad)).ToArray();
                // A fixed random gradient for every output that carries one, summed into one scalar before timing.
                var outputs = replay!(fresh).Where(o => o.requires_grad).ToList();
                var loss = outputs.Select(o => (o * randn_like(o)).sum()).Aggregate((a, b) => a.Plus(b));
                var clock = Stopwatch.StartNew();
                loss.backward();
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
            seconds.Sort();
            return seconds[seconds.Count / 2];
        }

        public void Dispose()
        {
            foreach (var x in inputs ?? []) x.Dispose();
        }
    }
}
