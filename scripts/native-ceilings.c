/*
 * Native reference for sgdbench's machine ceilings: the same loops as the suite's ceiling benchmarks, in plain C.
 * Built by scripts/native-ceilings.sh (gcc -O3 -march=native -fopenmp); see that script for what each figure is.
 *
 *   native-ceilings all THREADS L1 L2 L3          every ceiling for 1 and THREADS threads (cache sizes in bytes)
 *   native-ceilings one KIND THREADS ELEMENTS     one figure, for `sgdbench profile --native-check`, which measures
 *                                                 it just before and just after the suite's own measurement of the
 *                                                 same ceiling with the same array sizes
 *       KIND: fma-f64 | fma-f32 (GFLOP/s, the faster of 512- and 256-bit vectors; ELEMENTS ignored),
 *             triad | read (GB/s, ELEMENTS doubles per array and thread)
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* Seconds of untimed repetitions before the REPS timed ones, as JMH's warm-up (NATIVE_CEILINGS_WARMUP_S, default 1),
   so that C and the suite are both timed under sustained load. (On a 2-vCPU cloud VM the two-thread memory bandwidth
   once read 52 GB/s cold and 106 GB/s warm; but it also switched between those two levels with warm-ups of 1-5 s:
   the host decides that, and `sgdbench profile --native-check` rechecks such figures.) */
static double warmup_s = 1.0;

static double best(double (*f)(long, int), long iters, int threads) {
  double b = 0, start = now();
  for (int counted = 0; counted < REPS;) {
    double v = f(iters, threads);
    if (now() - start < warmup_s) continue;
    counted++;
    if (v > b) b = v;
  }
  return b;
}

/* Arrays of 2 MiB or more on transparent huge pages where the kernel allows them (madvise), as the suite's ceiling
   forks (-XX:+UseTransparentHugePages): fewer TLB misses, 5-8 % more read bandwidth from L3 on a Zen 5 core. Smaller
   arrays stay 64-byte aligned: 2 MiB alignment would put the three arrays of a cache-level probe on the same sets. */
#define HUGE_PAGE (2L << 20)
static double *alloc_array(long n) {
  long bytes = n * (long)sizeof(double);
  if (bytes < HUGE_PAGE) return aligned_alloc(64, ((bytes + 63) / 64) * 64);
  bytes = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
  double *p = aligned_alloc(HUGE_PAGE, bytes);
  if (p != NULL) madvise(p, bytes, MADV_HUGEPAGE); /* advice only: without THP the pages stay small */
  return p;
}

/* The read-only sum with explicit vectors and six accumulators (two per array), as the suite's Vector API read
   benchmark: the compiler's own loop (kind 1 below) keeps a single accumulator, whose add latency, not the loads,
   bounds it in L1 and L2. */
#define READ_KERNEL(NAME, BYTES)                                                                     \
  typedef double NAME##_v __attribute__((vector_size(BYTES), aligned(8), may_alias));              \
  static double NAME(const double *a, const double *b, const double *c, long n) {                   \
    const long w = BYTES / sizeof(double);                                                          \
    NAME##_v a0 = {0}, a1 = {0}, b0 = {0}, b1 = {0}, c0 = {0}, c1 = {0};                              \
    long i = 0;                                                                                     \
    for (; i + 2 * w <= n; i += 2 * w) {                                                            \
      a0 += *(const NAME##_v *)(a + i); a1 += *(const NAME##_v *)(a + i + w);                        \
      b0 += *(const NAME##_v *)(b + i); b1 += *(const NAME##_v *)(b + i + w);                        \
      c0 += *(const NAME##_v *)(c + i); c1 += *(const NAME##_v *)(c + i + w);                        \
    }                                                                                               \
    NAME##_v s = (a0 + a1) + (b0 + b1) + (c0 + c1);                                                 \
    double acc = 0;                                                                                 \
    for (long l = 0; l < w; l++) acc += s[l];                                                       \
    for (; i < n; i++) acc += a[i] + b[i] + c[i];                                                   \
    return acc;                                                                                     \
  }
READ_KERNEL(read_512, 64)
READ_KERNEL(read_256, 32)

/* The same sum one array after the other (one stream at a time, four 512-bit accumulators): in L2 it reads faster
   than three interleaved streams (263 against 225-241 GB/s on one Zen 5 core), and a ceiling is the best shape. */
typedef double seq_v __attribute__((vector_size(64), aligned(8), may_alias));
static double read_seq(const double *a, const double *b, const double *c, long n) {
  const double *arrays[3] = {a, b, c};
  seq_v s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
  double acc = 0;
  for (int k = 0; k < 3; k++) {
    const double *x = arrays[k];
    long i = 0;
    for (; i + 32 <= n; i += 32) {
      s0 += *(const seq_v *)(x + i); s1 += *(const seq_v *)(x + i + 8);
      s2 += *(const seq_v *)(x + i + 16); s3 += *(const seq_v *)(x + i + 24);
    }
    for (; i < n; i++) acc += x[i];
  }
  seq_v s = (s0 + s1) + (s2 + s3);
  for (int l = 0; l < 8; l++) acc += s[l];
  return acc;
}

/* kind 0 = triad, 1 = read sum (the compiler's loop), 2 / 3 = read sum with 512- / 256-bit vectors and six
   accumulators, 4 = read sum one array after the other; n elements per array and thread; sweeps repeated so that one timing lasts ~0.2 s */
static double stream(int kind, long n, int threads, long sweeps) {
  double bestv = 0;
  double *arrays[256][3];
  #pragma omp parallel num_threads(threads)
  {
    int t = omp_get_thread_num();
    for (int j = 0; j < 3; j++) {
      double *p = alloc_array(n);
      for (long i = 0; i < n; i++) p[i] = 1.0 + j + 1e-9 * i; /* first touch by the thread that streams it */
      arrays[t][j] = p;
    }
  }
  double start = now();
  for (int counted = 0; counted < REPS;) {
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
        } else if (kind == 2) {
          sink += read_512(a, b, c, n);
        } else if (kind == 3) {
          sink += read_256(a, b, c, n);
        } else if (kind == 4) {
          sink += read_seq(a, b, c, n);
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
    if (now() - start < warmup_s) continue;
    counted++;
    if (v > bestv) bestv = v;
  }
  for (int t = 0; t < threads; t++) for (int j = 0; j < 3; j++) free(arrays[t][j]);
  return bestv;
}

static long sweeps_for(long n) { long s = 4000000000L / (24 * n); return s < 1 ? 1 : s; }

static double max2(double a, double b) { return a > b ? a : b; }

/* The read-only sum: the fastest of the compiler's loop, the two explicit-vector loops and the sequential one. */
static double read_best(long n, int t, long sweeps) {
  return max2(max2(stream(1, n, t, sweeps), stream(4, n, t, sweeps)), max2(stream(2, n, t, sweeps), stream(3, n, t, sweeps)));
}

static int usage(void) {
  fputs("usage: native-ceilings all THREADS L1 L2 L3 | one fma-f64|fma-f32|triad|read THREADS ELEMENTS\n", stderr);
  return 2;
}

/* One ceiling, printed as a bare number: the same work per timing as the `all` mode. */
static int one(const char *kind, int t, long n) {
  if (t < 1 || t > 256) { fprintf(stderr, "THREADS must be 1 ... 256, got %d\n", t); return 2; }
  int fma = !strcmp(kind, "fma-f64") || !strcmp(kind, "fma-f32"), mem = !strcmp(kind, "triad") || !strcmp(kind, "read");
  if (!fma && !mem) return usage();
  if (mem && n < 64) { fprintf(stderr, "ELEMENTS must be at least 64, got %ld\n", n); return 2; }
  double v;
  if (!strcmp(kind, "fma-f64")) v = max2(best(fma_f64_512, ITER / 10, t), best(fma_f64_256, ITER / 10, t));
  else if (!strcmp(kind, "fma-f32")) v = max2(best(fma_f32_512, ITER / 10, t), best(fma_f32_256, ITER / 10, t));
  else if (!strcmp(kind, "triad")) v = stream(0, n, t, n >= 2000000 ? 3 : sweeps_for(n));
  else v = read_best(n, t, n >= 2000000 ? 3 : sweeps_for(n));
  printf("%.3f\n", v);
  return 0;
}

int main(int argc, char **argv) {
  const char *w = getenv("NATIVE_CEILINGS_WARMUP_S");
  if (w != NULL) warmup_s = atof(w);
  if (argc == 5 && !strcmp(argv[1], "one")) return one(argv[2], atoi(argv[3]), atol(argv[4]));
  if (argc != 6 || strcmp(argv[1], "all")) return usage();
  int all = atoi(argv[2]);
  long l1 = atol(argv[3]), l2 = atol(argv[4]), l3 = atol(argv[5]);
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
    printf("read      threads=%-3d %8.1f GB/s\n", t, read_best(n, t, 3));
    long levels[3] = {l1, l2, l3};
    for (int l = 0; l < 3; l++) {
      if (levels[l] <= 0) continue;
      long e = levels[l] / 2 / 24; /* three arrays in half of the level: the other half for whatever else lives there */
      if (l == 2) e /= t; /* the L3 is shared by the threads; L1 and L2 are per core */
      if (e < 64) continue;
      printf("read-L%d   threads=%-3d %8.1f GB/s     (%ld elements per array and thread)\n", l + 1, t,
             read_best(e, t, sweeps_for(e)), e);
    }
  }
  return 0;
}
