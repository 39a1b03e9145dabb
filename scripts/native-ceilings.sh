#!/usr/bin/env bash
# Native reference for sgdbench's machine ceilings: the same loops as the suite's ceiling benchmarks, in plain C
# compiled with `gcc -O3 -march=native -fopenmp`, so that a user can check on their own machine that the profile's
# ceilings reach what native code reaches (sgdbench's FMA peaks and bandwidths should be within ~10 % of these when
# measured in the same sitting on an otherwise idle machine).
#
#   scripts/native-ceilings.sh [THREADS]          (default: all online CPUs)
#
# Prints one line per ceiling, for 1 thread and for THREADS threads:
#   fma-f64 / fma-f32   peak FMA, GFLOP/s: 12 independent chains of vector FMAs per thread (512- and 256-bit
#                       vectors, the faster kept), an FMA counts 2 flops — as PeakFmaVectorBenchmark
#   triad               STREAM triad a[i] = b[i] + s*c[i], GB/s, 24 bytes per element (write-allocate not counted)
#   read                read-only sum over three arrays, GB/s, 24 bytes per element — as MemoryBandwidthBenchmark
#   read-L1/L2/L3       the read-only sum on arrays that fit in half of each cache level (sizes from sysfs)
# Each figure is the best of 7 timed repetitions (a ceiling is a maximum). Measure under
# `flock /tmp/sgdbench-measure.lock` on a shared machine.
set -euo pipefail
threads="${1:-$(nproc)}"
cc="${CC:-gcc}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

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

cat > "$work/ceilings.c" <<'C'
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHAINS 12
#define ITER 20000000L
#define REPS 7

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

#define FMA_KERNEL(NAME, T, BYTES)                                                                   \
  typedef T NAME##_v __attribute__((vector_size(BYTES)));                                          \
  static double NAME(long iters, int threads) {                                                     \
    double sink = 0;                                                                                \
    double t0 = now();                                                                              \
    _Pragma("omp parallel num_threads(threads) reduction(+:sink)") {                                \
      NAME##_v c[CHAINS], m, a;                                                                     \
      for (int l = 0; l < (int)(BYTES / sizeof(T)); l++) { m[l] = (T)(1 - 1e-7); a[l] = (T)1e-9; }  \
      for (int k = 0; k < CHAINS; k++) for (int l = 0; l < (int)(BYTES / sizeof(T)); l++)           \
        c[k][l] = (T)(0.25 * k + omp_get_thread_num());                                             \
      /* the chains live in named locals, not in the array: an array element that an asm statement    \
         names is kept on the stack, and a store and a load per FMA then capped the loop at about 40 % \
         of the peak (seen on a Zen 5 EPYC with GCC 12) */                                            \
      NAME##_v c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5];                     \
      NAME##_v c6 = c[6], c7 = c[7], c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11];                 \
      for (long i = 0; i < iters; i++) {                                                            \
        c0 = c0 * m + a; c1 = c1 * m + a; c2 = c2 * m + a; c3 = c3 * m + a;                          \
        c4 = c4 * m + a; c5 = c5 * m + a; c6 = c6 * m + a; c7 = c7 * m + a;                          \
        c8 = c8 * m + a; c9 = c9 * m + a; c10 = c10 * m + a; c11 = c11 * m + a;                      \
      }                                                                                             \
      c[0] = c0; c[1] = c1; c[2] = c2; c[3] = c3; c[4] = c4; c[5] = c5;                               \
      c[6] = c6; c[7] = c7; c[8] = c8; c[9] = c9; c[10] = c10; c[11] = c11;                           \
      for (int k = 0; k < CHAINS; k++) for (int l = 0; l < (int)(BYTES / sizeof(T)); l++) sink += c[k][l]; \
    }                                                                                               \
    double dt = now() - t0;                                                                         \
    if (sink == 42.0) puts("");                                                                     \
    return 2.0 * CHAINS * (BYTES / sizeof(T)) * (double)iters * threads / dt / 1e9;                 \
  }
FMA_KERNEL(fma_f64_512, double, 64)
FMA_KERNEL(fma_f64_256, double, 32)
FMA_KERNEL(fma_f32_512, float, 64)
FMA_KERNEL(fma_f32_256, float, 32)

static double best(double (*f)(long, int), long iters, int threads) {
  double b = 0;
  for (int r = 0; r < REPS; r++) { double v = f(iters, threads); if (v > b) b = v; }
  return b;
}

/* kind 0 = triad, 1 = read sum; n elements per array and thread; sweeps repeated so that one timing lasts ~0.2 s */
static double stream(int kind, long n, int threads, long sweeps) {
  double bestv = 0;
  double *arrays[256][3];
  #pragma omp parallel num_threads(threads)
  {
    int t = omp_get_thread_num();
    for (int j = 0; j < 3; j++) {
      double *p = aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64);
      for (long i = 0; i < n; i++) p[i] = 1.0 + j + 1e-9 * i; /* first touch by the thread that streams it */
      arrays[t][j] = p;
    }
  }
  for (int r = 0; r < REPS; r++) {
    double sink = 0;
    double t0 = now();
    #pragma omp parallel num_threads(threads) reduction(+:sink)
    {
      int t = omp_get_thread_num();
      double *a = arrays[t][0], *b = arrays[t][1], *c = arrays[t][2];
      for (long s = 0; s < sweeps; s++) {
        if (kind == 0) {
          double q = 3.0 + 1e-12 * s;
          #pragma omp simd
          for (long i = 0; i < n; i++) a[i] = b[i] + q * c[i];
          sink += a[s % n];
        } else {
          double acc = 0;
          #pragma omp simd reduction(+:acc)
          for (long i = 0; i < n; i++) acc += a[i] + b[i] + c[i];
          sink += acc;
        }
      }
    }
    double dt = now() - t0;
    if (sink == 42.0) puts("");
    double v = 24.0 * n * sweeps * threads / dt / 1e9;
    if (v > bestv) bestv = v;
  }
  for (int t = 0; t < threads; t++) for (int j = 0; j < 3; j++) free(arrays[t][j]);
  return bestv;
}

static long sweeps_for(long n) { long s = 4000000000L / (24 * n); return s < 1 ? 1 : s; }

int main(int argc, char **argv) {
  int all = atoi(argv[1]);
  long l1 = atol(argv[2]), l2 = atol(argv[3]), l3 = atol(argv[4]);
  long memElems = 2000000; /* 3 arrays per thread span >= 4x the last-level cache, at least 2 M elements */
  int tc[2] = {1, all};
  for (int ti = 0; ti < (all > 1 ? 2 : 1); ti++) {
    int t = tc[ti];
    long iters = ITER / 10;
    double f64 = best(fma_f64_512, iters, t), f64b = best(fma_f64_256, iters, t);
    double f32 = best(fma_f32_512, iters, t), f32b = best(fma_f32_256, iters, t);
    printf("fma-f64   threads=%-3d %8.1f GFLOP/s  (512-bit %.1f, 256-bit %.1f)\n", t, f64 > f64b ? f64 : f64b, f64, f64b);
    printf("fma-f32   threads=%-3d %8.1f GFLOP/s  (512-bit %.1f, 256-bit %.1f)\n", t, f32 > f32b ? f32 : f32b, f32, f32b);
    long n = memElems;
    long want = (4 * (l3 > 0 ? l3 : 64L << 20)) / (24L * t);
    if (want > n) n = want;
    printf("triad     threads=%-3d %8.1f GB/s     (%ld elements per array and thread)\n", t, stream(0, n, t, 3), n);
    printf("read      threads=%-3d %8.1f GB/s\n", t, stream(1, n, t, 3));
    long levels[3] = {l1, l2, l3};
    for (int l = 0; l < 3; l++) {
      if (levels[l] <= 0) continue;
      long e = levels[l] / 2 / 24; /* three arrays in half of the level: the other half for whatever else lives there */
      if (l == 2) e /= t; /* the L3 is shared by the threads; L1 and L2 are per core */
      if (e < 64) continue;
      printf("read-L%d   threads=%-3d %8.1f GB/s     (%ld elements per array and thread)\n", l + 1, t,
             stream(1, e, t, sweeps_for(e)), e);
    }
  }
  return 0;
}
C
"$cc" -O3 -march=native -fopenmp -o "$work/ceilings" "$work/ceilings.c"
echo "# native ceilings: $("$cc" --version | head -1), -O3 -march=native -fopenmp; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); caches L1d ${l1} B, L2 ${l2} B, L3 ${l3} B; load: $(cut -d' ' -f1-3 /proc/loadavg)"
OMP_PROC_BIND=spread OMP_PLACES=cores "$work/ceilings" "$threads" "$l1" "$l2" "$l3"
