#!/usr/bin/env bash
# Runs the unit suite as other processors would compute: the same tests, with libtorch held to other
# kernels (oneDNN's convolutions, ATen's vectorised loops, MKL's matrix products) and another number of
# threads. Another processor trains the same seed to a slightly different model; a test that passes only
# with this machine's kernels fails here instead of on the next CI machine. Run it after building:
#
#   dotnet build SimSid.sln -c Release && bash scripts/test-other-kernels.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

run() {
    echo "== $*"
    env "$@" dotnet test SimSid.sln -c Release -m:1 --no-build
}

# Pre-AVX kernels everywhere and three threads on whatever cores there are.
run ONEDNN_MAX_CPU_ISA=SSE41 ATEN_CPU_CAPABILITY=default MKL_ENABLE_INSTRUCTIONS=SSE4_2 OMP_NUM_THREADS=3
# AVX without AVX2 for the convolutions, one thread.
run ONEDNN_MAX_CPU_ISA=AVX ATEN_CPU_CAPABILITY=avx2 OMP_NUM_THREADS=1
# AVX2 convolutions on two threads: what a processor without AVX-512 (such as AMD Zen 3) runs by default.
run ONEDNN_MAX_CPU_ISA=AVX2 OMP_NUM_THREADS=2
