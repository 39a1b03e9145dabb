#!/usr/bin/env bash
# Native reference for sgdbench's machine ceilings: the same loops as the suite's ceiling benchmarks, in plain C
# compiled with `gcc -O3 -march=native -fopenmp`, so that a user can check on their own machine that the profile's
# ceilings reach what native code reaches (sgdbench's FMA peaks and bandwidths should be within ~10 % of these when
# measured in the same sitting on an otherwise idle machine).
#
#   scripts/native-ceilings.sh [THREADS]          (default: all online CPUs)
#   scripts/native-ceilings.sh --build-only DIR   compile into DIR/native-ceilings and print its path (what
#                                                 `sgdbench profile --native-check` uses to interleave C and Java)
#
# The C source is scripts/native-ceilings.c.
# Prints one line per ceiling, for 1 thread and for THREADS threads:
#   fma-f64 / fma-f32   peak FMA, GFLOP/s: 12 independent chains of vector FMAs per thread (512- and 256-bit
#                       vectors, the faster kept), an FMA counts 2 flops — as PeakFmaVectorBenchmark
#   triad               STREAM triad a[i] = b[i] + s*c[i], GB/s, 24 bytes per element (write-allocate not counted)
#   read                read-only sum over three arrays, GB/s, 24 bytes per element — as MemoryBandwidthBenchmark and
#                       ReadBandwidthVectorBenchmark: the fastest of the compiler's loop (one accumulator), explicit
#                       512- and 256-bit vectors with six accumulators, and the arrays one after the other
#   read-L1/L2/L3       the read-only sum on arrays that fit in half of each cache level (sizes from sysfs)
# Each figure is the best of 7 timed repetitions (a ceiling is a maximum), after 1 s of untimed ones
# (NATIVE_CEILINGS_WARMUP_S), as JMH warms up; on a 2-vCPU cloud VM the two-thread memory bandwidth still switched
# between about 50 and 100-120 GB/s by itself (the host's placement), so compare in one sitting. Arrays of 2 MiB or more are advised onto transparent huge pages, as the suite's
# ceiling forks run with -XX:+UseTransparentHugePages. Measure under
# `flock /tmp/sgdbench-measure.lock` on a shared machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cc="${CC:-gcc}"
build_only=0
if [[ "${1:-}" == "--build-only" ]]; then
  [[ -n "${2:-}" ]] || { echo "native-ceilings.sh: --build-only needs a directory" >&2; exit 2; }
  build_only=1; build="$2"; mkdir -p "$build"
else
  threads="${1:-$(nproc)}"
  [[ "$threads" =~ ^[1-9][0-9]*$ && "$threads" -le 256 ]] || { echo "native-ceilings.sh: THREADS must be 1 ... 256, got '$threads'" >&2; exit 2; }
  build="$(mktemp -d)"
  trap 'rm -rf "$build"' EXIT
fi

cache_bytes() { # $1 = level; size of one instance of the data/unified cache of that level, bytes (0 if unknown)
  local f size
  for f in /sys/devices/system/cpu/cpu0/cache/index*; do
    [[ -r "$f/level" && "$(cat "$f/level")" == "$1" && "$(cat "$f/type")" != "Instruction" ]] || continue
    size="$(cat "$f/size")"
    case "$size" in *K) echo $(( ${size%K} * 1024 )); return;; *M) echo $(( ${size%M} * 1048576 )); return;; *) echo "$size"; return;; esac
  done
  echo 0
}
l1=$(cache_bytes 1); l2=$(cache_bytes 2); l3=$(cache_bytes 3)

"$cc" -O3 -march=native -fopenmp -o "$build/native-ceilings" "$here/native-ceilings.c"
if [[ "$build_only" == 1 ]]; then echo "$build/native-ceilings"; exit 0; fi
echo "# native ceilings: $("$cc" --version | head -1), -O3 -march=native -fopenmp; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); caches L1d ${l1} B, L2 ${l2} B, L3 ${l3} B; load: $(cut -d' ' -f1-3 /proc/loadavg)"
OMP_PROC_BIND=spread OMP_PLACES=cores "$build/native-ceilings" all "$threads" "$l1" "$l2" "$l3"
