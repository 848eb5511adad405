#!/usr/bin/env python3
"""Times the reference PyTorch SimSID's training step and one-image scoring on the CPU, for the
comparison with `simsid bench` in the README's Performance section.

Needs Python 3 with torch (the README's figures: Debian 12's python3-torch 1.13 with OpenBLAS) and a
clone of the reference repository, whose `models` package it imports; nothing of it is copied here.
The reference builds one tensor with .cuda(); that call is made a no-op so that it runs on the CPU.

    python3 scripts/reference_bench.py --reference ../SimSID --preset small --steps 20 [--threads 2]
        [--weights ../shared/reference] [--json result.json]

The step is the reference's gan_train step: one forward pass, a discriminator update on the images
and the detached reconstruction, and every second step a generator update (reconstruction, adversarial,
teacher and distillation losses with the paper's weights), after which the memory queues take in the
batch. Two warm-up steps come first. The means are over the timed steps of each kind, as `simsid bench`
reports them. `--weights` loads ../shared/reference's state dicts strictly into the `small` networks,
which proves that this configuration is the one those weights (and SimSid.NET's parity tests) have.
"""
import argparse
import json
import statistics
import sys
import time

import torch

PRESETS = {
    # side, features root, memory slots (decoder and in-painting), in-painting memory channels, discriminator size
    "small": dict(side=64, features_root=16, slots=50, memory_channel=256, discriminator_size=2),
    "zhang": dict(side=128, features_root=32, slots=200, memory_channel=128 * 4 * 4, discriminator_size=4),
}
WEIGHTS = dict(reconstruction=10.0, teacher=0.01, distillation=0.001, adversarial=0.005, discriminator=0.005)


def config(preset):
    p = PRESETS[preset]

    class DecoderMemory:
        memory_layer_type = "default"
        num_memory = 4
        num_slots = p["slots"]
        slot_dim = 256
        shrink_thres = 5
        mask_ratio = 1.0

    class Inpainting:
        use_memory_queue = True
        use_inpaint = True
        num_slots = p["slots"]
        memory_channel = p["memory_channel"]
        shrink_thres = 5
        drop = 0.0
        mask_ratio = 1.0

    class Config:
        memory_config = DecoderMemory()
        inpaint_config = Inpainting()
        num_in_ch = 1
        initial_combine = 2
        level = 4
        num_patch = 2
        dist = True
        ops = ["concat", "concat", "none", "none"]
        decoder_memory = ["V1", "V1", "none", "none"]
        normalize_tanh = True
        img_size = p["side"]
        drop = 0.0
        shrink_thres = 5
        num_slots = p["slots"]
        size = p["discriminator_size"]
        num_layers = 4
        use_memory_inpaint_block = True
        teacher_stop_gradient = True
        analyze_memory = False

    return Config(), p


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", required=True, help="a clone of the reference SimSID repository")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="small")
    parser.add_argument("--steps", type=int, default=20, help="timed steps after 2 warm-up steps")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--weights", help="a folder with simsid_small_ae.pth and simsid_small_disc.pth (small only)")
    parser.add_argument("--json", help="also write the figures to this file (seconds)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    torch.Tensor.cuda = lambda self, *a, **k: self
    sys.path.insert(0, args.reference)
    from models import squid
    from models.discriminator import SimpleDiscriminator
    from models.memory import MemoryQueue

    cfg, p = config(args.preset)
    generator = squid.AE(cfg, p["features_root"], level=4)
    discriminator = SimpleDiscriminator(1, size=p["discriminator_size"], num_layers=4)
    if args.weights:
        if args.preset != "small":
            parser.error("--weights holds the small configuration's networks")
        generator.load_state_dict(torch.load(f"{args.weights}/simsid_small_ae.pth", map_location="cpu"), strict=True)
        discriminator.load_state_dict(torch.load(f"{args.weights}/simsid_small_disc.pth", map_location="cpu"), strict=True)
    parameters = (sum(t.numel() for t in generator.parameters()), sum(t.numel() for t in discriminator.parameters()))

    g_opt = torch.optim.Adam(generator.parameters(), lr=1e-4, eps=1e-7, betas=(0.5, 0.999), weight_decay=1e-5)
    d_opt = torch.optim.Adam(discriminator.parameters(), lr=1e-4, betas=(0.5, 0.999))
    bce, mse = torch.nn.BCEWithLogitsLoss(), torch.nn.MSELoss()
    side = p["side"]

    def step(i):
        images = torch.rand(16, 1, side, side) * 2 - 1
        out = generator(images)
        d_opt.zero_grad()
        real, fake = discriminator(images), discriminator(out["recon"].detach())
        d_loss = (bce(real, torch.ones_like(real)) + bce(fake, torch.zeros_like(fake))) * WEIGHTS["discriminator"]
        d_loss.backward()
        d_opt.step()
        if i % 2 == 0:
            judged = discriminator(out["recon"])
            loss = WEIGHTS["reconstruction"] * mse(out["recon"], images)
            loss = loss + WEIGHTS["adversarial"] * bce(judged, torch.ones_like(judged))
            loss = loss + WEIGHTS["teacher"] * mse(out["teacher_recon"], images) + WEIGHTS["distillation"] * out["dist_loss"]
            g_opt.zero_grad()
            loss.backward()
            g_opt.step()
            for module in generator.modules():
                if isinstance(module, MemoryQueue):
                    module.update()

    generator.train()
    discriminator.train()
    for i in range(2):
        step(i)
    both, discriminator_only = [], []
    for i in range(2, 2 + args.steps):
        start = time.perf_counter()
        step(i)
        (both if i % 2 == 0 else discriminator_only).append(time.perf_counter() - start)

    # The reference scores one image at a time (its configs' test and validation loaders: batch 1) with the whole
    # generator (teacher included) and the discriminator: eval.py's test() and main.py's val() put the generator in
    # eval mode, leave the discriminator in training mode (each image normalised by its own statistics, the function
    # SimSid.NET's paper score computes) and keep autograd on. Also timed: the same networks under no_grad with the
    # discriminator in eval mode (the figure the README gave before 2026-12-03).
    image = torch.rand(1, 1, side, side) * 2 - 1

    def one_image_medians():
        for _ in range(4):
            discriminator(generator(image)["recon"])
        singles = []
        for _ in range(32):
            start = time.perf_counter()
            discriminator(generator(image)["recon"])
            singles.append(time.perf_counter() - start)
        return statistics.median(singles)

    generator.eval()
    discriminator.train()
    as_scored = one_image_medians()
    discriminator.eval()
    with torch.no_grad():
        without_autograd = one_image_medians()

    print(f"reference {args.preset}, {args.threads} threads, torch {torch.__version__}, "
          f"parameters {parameters[0]:,} + {parameters[1]:,}{', weights loaded strictly' if args.weights else ''}")
    print(f"train step, batch 16: D+G {statistics.mean(both):.3f} s, D only {statistics.mean(discriminator_only):.3f} s, "
          f"mean {statistics.mean(both + discriminator_only):.3f} s ({args.steps} steps)")
    print(f"one image, as the reference scores it: median {as_scored * 1000:.1f} ms (of 32)")
    print(f"one image, no_grad and discriminator in eval mode: median {without_autograd * 1000:.1f} ms (of 32)")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(dict(preset=args.preset, threads=args.threads, torch=torch.__version__, measuredSteps=args.steps,
                           generatorStepSeconds=statistics.mean(both),
                           discriminatorStepSeconds=statistics.mean(discriminator_only),
                           meanStepSeconds=statistics.mean(both + discriminator_only),
                           singleImageSecondsAsScored=as_scored, singleImageSecondsNoGrad=without_autograd), out, indent=2)


if __name__ == "__main__":
    main()
