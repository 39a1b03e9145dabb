#!/usr/bin/env bash
# Native C reference of the suite's kernels: builds the C programs of this folder with the system's C compiler and
# writes their throughput, in the suite's units, as OUTDIR/native-reference.json (the throughput tables then show a
# "native C" row and a "% of native" column). No compiler: the file says so and the script still exits 0.
#
#   scripts/native-reference/run.sh OUTDIR [--threads "1 2"] [--transfer-threads "2"] [--walkers "65536"]
#                                   [--precisions "F32 F64"] [--seconds S] [--reps R] [--operator KERNEL CELLS FILE.mtx]...
#
# Defaults: 1 and all cores, 65536 walkers (the quick run's size), both precisions, 5 repetitions of about
# S/5 seconds each (S = 2) after one calibration and one warm-up repetition; the figure is their median.
#   scripts/native-reference/run.sh --build-only      (prints the build folder)
#
# --operator: a transfer operator exported by `sgdbench operator --case KERNEL --cells CELLS --export FILE.mtx`;
# `sgdbench run` passes the benchmark's own operators. Timings must not overlap other measurements: `sgdbench run`
# calls this after JMH; by hand, run it under the same lock as any other measurement.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${SGDBENCH_NATIVE_BUILD:-$root/target/native-reference}"
cc="${CC:-cc}"
flags="-O3 -march=native"

build() {
  mkdir -p "$build"
  # -ffp-contract=off: no fused multiply-add the Java code does not have (the portable transform stays bit-identical)
  "$cc" $flags -ffp-contract=off -fno-math-errno -c "$here/sgd_ensemble.c" -o "$build/sgd_ensemble.o"
  # the libm transform alone gets -ffast-math, which lets glibc vectorise logf/sinf/cosf (libmvec)
  "$cc" $flags -ffast-math -fopenmp-simd -c "$here/gauss_libm.c" -o "$build/gauss_libm.o"
  local mvec=""
  echo 'int main(void){return 0;}' > "$build/probe.c"
  if "$cc" "$build/probe.c" -o "$build/probe" -lmvec 2>/dev/null; then mvec="-lmvec"; fi
  "$cc" $flags -o "$build/sgd_ensemble" "$build/sgd_ensemble.o" "$build/gauss_libm.o" $mvec -lm -lpthread
  "$cc" $flags -ffp-contract=off -fopenmp-simd -o "$build/transfer_step" "$here/transfer_step.c" -lm -lpthread
}

if [ "${1:-}" = "--build-only" ]; then
  build >&2
  echo "$build"
  exit 0
fi
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [--threads \"1 2\"] [--seconds S] [--reps R] [--operator KERNEL CELLS FILE]..." >&2; exit 2; }
out="$1"; shift
threads="1 $(nproc 2>/dev/null || echo 1)"
transfer_threads=""
walkers="65536"
precisions="F32 F64"
seconds=2
reps=5
operators=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --transfer-threads) transfer_threads="$2"; shift 2 ;;
    --walkers) walkers="$2"; shift 2 ;;
    --precisions) precisions="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --operator) operators+=("$2" "$3" "$4"); shift 4 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
threads="$(echo "$threads" | tr ' ' '\n' | awk 'NF && !seen[$1]++' | tr '\n' ' ')"
transfer_threads="${transfer_threads:-$threads}"
mkdir -p "$out"
json="$out/native-reference.json"

unavailable() {
  printf '{"available": false, "reason": "%s", "rows": []}\n' "$1" > "$json.tmp"
  mv "$json.tmp" "$json"
  echo "native reference unavailable: $1" >&2
  exit 0
}
command -v "$cc" >/dev/null 2>&1 || unavailable "no C compiler ($cc) on PATH"
log="$out/logs/native-reference-build.log"
mkdir -p "$out/logs"
build > "$log" 2>&1 || unavailable "the C build failed (see logs/native-reference-build.log)"

compiler="$("$cc" --version 2>/dev/null | head -1 | sed 's/"/\\"/g')"
rows=()
for n in $walkers; do
  for p in $precisions; do
    for tr in portable libm; do
      for t in $threads; do
        rows+=("$("$build/sgd_ensemble" --walkers "$n" --precision "$p" --transform "$tr" --threads "$t" \
          --seconds "$seconds" --reps "$reps")")
      done
    done
  done
done
i=0
while [ $i -lt ${#operators[@]} ]; do
  kernel="${operators[$i]}"; cells="${operators[$((i + 1))]}"; file="${operators[$((i + 2))]}"
  i=$((i + 3))
  for p in $precisions; do
    for t in $transfer_threads; do
      rows+=("$("$build/transfer_step" --mtx "$file" --kernel "$kernel" --precision "$p" --threads "$t" --seconds "$seconds" --reps "$reps")")
    done
  done
done
{
  printf '{"available": true, "compiler": "%s", "flags": "%s", "rows": [\n' "$compiler" "$flags"
  for k in "${!rows[@]}"; do
    printf '  %s%s\n' "${rows[$k]}" "$([ "$k" -lt $((${#rows[@]} - 1)) ] && echo , || true)"
  done
  printf ']}\n'
} > "$json.tmp"
mv "$json.tmp" "$json"
echo "$json"
