#!/usr/bin/env python3
"""Times SimSid.NET beside the reference PyTorch SimSID, alternating the two, and prints each round and the medians.

A 2-core cloud machine's timings drift by a fifth within minutes, so a figure of one and a figure of the other taken
an hour apart compare the hours as much as the code. Each round here runs `simsid bench` and then
`reference_bench.py` (same preset, same step count, the thread count `simsid bench` reports), and every ratio is
taken within a round. Needs what reference_bench.py needs (Python 3 with torch, a clone of the reference) and a
Release build of the `simsid` tool.

    python3 scripts/beside_reference.py --reference ../SimSID --preset small --rounds 6 [--steps 20]
        [--weights ../shared/reference] [--simsid src/SimSid.Cli/bin/Release/net10.0/simsid]
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile

SCRIPTS = pathlib.Path(__file__).resolve().parent
DEFAULT_SIMSID = SCRIPTS.parent / "src/SimSid.Cli/bin/Release/net10.0/simsid"
DEFAULT_STEPS = {"small": 20, "zhang": 4}


def machine():
    """The processor's name, family and model from /proc/cpuinfo, and its count of logical processors."""
    fields, count = {}, 0
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            key = key.strip()
            count += key == "processor"
            fields.setdefault(key, value.strip())
    except OSError:
        return "unknown processor"
    return f"{fields.get('model name', 'unknown processor')} (family {fields.get('cpu family', '?')} " \
           f"model {fields.get('model', '?')}), {count} logical processors"


def run(command):
    """Runs a command; on failure, says which and shows its output."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def one_round(args, steps, folder, index):
    ours_file, theirs_file = folder / f"simsid-{index}.json", folder / f"reference-{index}.json"
    run([args.simsid, "bench", "--preset", args.preset, "--steps", steps, "--scoring-batches", "2",
         "--json", ours_file])
    ours = json.loads(ours_file.read_text())["speed"]
    reference = [sys.executable, SCRIPTS / "reference_bench.py", "--reference", args.reference, "--preset", args.preset,
                 "--steps", steps, "--threads", str(ours["threads"]), "--json", theirs_file]
    run(reference + (["--weights", args.weights] if args.weights else []))
    theirs = json.loads(theirs_file.read_text())
    return dict(
        one=ours["singleImageSeconds"], ref_one=theirs["singleImageSecondsAsScored"],
        ref_one_no_grad=theirs["singleImageSecondsNoGrad"],
        step=ours["meanStepSeconds"], ref_step=theirs["meanStepSeconds"], threads=ours["threads"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", required=True, help="a clone of the reference SimSID repository")
    parser.add_argument("--preset", choices=sorted(DEFAULT_STEPS), default="small")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, help="timed training steps of each (default: 20 at small, 4 at zhang)")
    parser.add_argument("--weights", help="passed to reference_bench.py (small only)")
    parser.add_argument("--simsid", default=str(DEFAULT_SIMSID), help="the simsid tool (default: the Release build)")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if not pathlib.Path(args.simsid).is_file():
        parser.error(f"{args.simsid} does not exist: build it first (dotnet build -c Release) or pass --simsid")
    if not (pathlib.Path(args.reference) / "models").is_dir():
        parser.error(f"{args.reference} holds no models folder: pass a clone of the reference SimSID repository")
    steps = args.steps or DEFAULT_STEPS[args.preset]

    print(f"{args.preset}, {args.rounds} rounds of {steps} training steps each; {machine()}")
    print("| round | one image | reference as it scores (no_grad) | ratio (no_grad) | train step, mean | reference | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    rounds = []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(1, args.rounds + 1):
            r = one_round(args, str(steps), pathlib.Path(folder), index)
            r["ratio_one"], r["ratio_one_no_grad"] = r["one"] / r["ref_one"], r["one"] / r["ref_one_no_grad"]
            r["ratio_step"] = r["step"] / r["ref_step"]
            rounds.append(r)
            print(f"| {index} | {r['one'] * 1000:.2f} ms | {r['ref_one'] * 1000:.1f} ms ({r['ref_one_no_grad'] * 1000:.1f}) "
                  f"| {r['ratio_one']:.2f}x ({r['ratio_one_no_grad']:.2f}x) | {r['step']:.3f} s | {r['ref_step']:.3f} s "
                  f"| {r['ratio_step']:.2f}x |", flush=True)
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    print(f"| median | {median['one'] * 1000:.2f} ms | {median['ref_one'] * 1000:.1f} ms ({median['ref_one_no_grad'] * 1000:.1f}) "
          f"| {median['ratio_one']:.2f}x ({median['ratio_one_no_grad']:.2f}x) | {median['step']:.3f} s "
          f"| {median['ref_step']:.3f} s | {median['ratio_step']:.2f}x |")
    print(f"threads: {rounds[0]['threads']} for both")


if __name__ == "__main__":
    main()
