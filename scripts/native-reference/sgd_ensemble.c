/*
 * Native reference of the SGD-ensemble benchmark (bench/SgdEnsembleBenchmark): N walkers × M quadratic modes,
 * x ← x − η (h x + g), h = λ + σ_h z_h, g = σ_g z_g, with the suite's Philox4x32-10 stream layout and, by default,
 * its portable Box–Muller (bit-identical to the Java scalar reference; --dump prints the state so a test can
 * check it). --transform libm uses the C library's vectorised logf/sinf/cosf instead (see gauss_libm.c).
 * The model is the benchmark's: λ_m = 0.5 + 1.5·m/(M−1), σ_h = 0.3, σ_g = 1, η = 0.1, x0 = 1 + 0.5·z.
 *
 * Lanes are W consecutive walkers of one mode; their state stays in registers for the steps of one operation,
 * exactly the Java SIMD kernel's structure, so the two differ only in what the compilers make of it.
 *
 *   sgd_ensemble [--precision F32|F64] [--transform portable|libm] [--walkers N] [--modes M] [--steps-per-op S]
 *                [--threads T] [--reps R] [--seconds X] [--seed S]   → one JSON object on stdout
 *   sgd_ensemble --dump STEPS [--precision ...] [--walkers N] [--modes M] [--seed S]
 *                → after STEPS steps, one line per walker and mode: "mode walker x-bits-hex"
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "philox_gauss.h"

void gauss_libm_f32(int n, const uint32_t *w0, const uint32_t *w1, float *zh, float *zg);
void gauss_libm_f64(int n, const uint32_t *w0, const uint32_t *w1, const uint32_t *w2, const uint32_t *w3,
                    double *zh, double *zg);

#define W32 32 /* F32 lanes per chunk: two 512-bit vectors, interleaved for latency hiding */
#define W64 32 /* F64 lanes per chunk: four 512-bit vectors (16 lanes measured 1.5-3x slower with GCC 12) */

typedef struct {
    int f64, libm, walkers, modes, steps_per_op, threads;
    uint64_t seed;
    double eta, init_mean, init_spread;
    double *lambda, sigma_h, sigma_g;
    float *x32;
    double *x64;
    philox_key key;
} ensemble;

typedef struct {
    ensemble *e;
    int from, to;
    uint32_t first;
    long ops;
} task;

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "sgd_ensemble: %s%s\n", msg, arg ? arg : "");
    exit(2);
}

/* ---------------------------------------------------------------------------------------------- F32 */

static void chunk_f32(const ensemble *e, int m, int i, int live, uint32_t first, int steps, int initial) {
    uint32_t w0[W32], w1[W32], w2[W32], w3[W32];
    float zh[W32], zg[W32], x[W32];
    float *state = e->x32 + (size_t) m * e->walkers + i;
    if (initial) {
        PHILOX_LANES(W32, &e->key, i, 0, m, STREAM_INITIAL, w0, w1, w2, w3);
        for (int j = 0; j < W32; j++) gauss_pair_f32(uniform24(w0[j]), uniform24(w1[j]), &zh[j], &zg[j]);
        for (int j = 0; j < live; j++) state[j] = fmaf((float) e->init_spread, zh[j], (float) e->init_mean);
        return;
    }
    const float lam = (float) e->lambda[m], sh = (float) e->sigma_h, sg = (float) e->sigma_g, neta = -(float) e->eta;
    for (int j = 0; j < W32; j++) x[j] = j < live ? state[j] : 0.0f;
    for (uint32_t t = first, end = first + (uint32_t) steps; t != end; t++) {
        PHILOX_LANES(W32, &e->key, i, t, m, STREAM_SGD_NOISE, w0, w1, w2, w3);
        if (e->libm) gauss_libm_f32(W32, w0, w1, zh, zg);
        else for (int j = 0; j < W32; j++) gauss_pair_f32(uniform24(w0[j]), uniform24(w1[j]), &zh[j], &zg[j]);
        for (int j = 0; j < W32; j++) {
            float h = fmaf(sh, zh[j], lam), g = sg * zg[j];
            x[j] = fmaf(neta, fmaf(h, x[j], g), x[j]);
        }
    }
    for (int j = 0; j < live; j++) state[j] = x[j];
}

/* ---------------------------------------------------------------------------------------------- F64 */

static void chunk_f64(const ensemble *e, int m, int i, int live, uint32_t first, int steps, int initial) {
    uint32_t w0[W64], w1[W64], w2[W64], w3[W64];
    double zh[W64], zg[W64], x[W64];
    double *state = e->x64 + (size_t) m * e->walkers + i;
    if (initial) {
        PHILOX_LANES(W64, &e->key, i, 0, m, STREAM_INITIAL, w0, w1, w2, w3);
        for (int j = 0; j < W64; j++)
            gauss_pair_f64(uniform53(w0[j], w1[j]), uniform53(w2[j], w3[j]), &zh[j], &zg[j]);
        for (int j = 0; j < live; j++) state[j] = fma(e->init_spread, zh[j], e->init_mean);
        return;
    }
    const double lam = e->lambda[m], sh = e->sigma_h, sg = e->sigma_g, neta = -e->eta;
    for (int j = 0; j < W64; j++) x[j] = j < live ? state[j] : 0.0;
    for (uint32_t t = first, end = first + (uint32_t) steps; t != end; t++) {
        PHILOX_LANES(W64, &e->key, i, t, m, STREAM_SGD_NOISE, w0, w1, w2, w3);
        if (e->libm) gauss_libm_f64(W64, w0, w1, w2, w3, zh, zg);
        else for (int j = 0; j < W64; j++)
            gauss_pair_f64(uniform53(w0[j], w1[j]), uniform53(w2[j], w3[j]), &zh[j], &zg[j]);
        for (int j = 0; j < W64; j++) {
            double h = fma(sh, zh[j], lam), g = sg * zg[j];
            x[j] = fma(neta, fma(h, x[j], g), x[j]);
        }
    }
    for (int j = 0; j < live; j++) state[j] = x[j];
}

/* ---------------------------------------------------------------------------------------------- driver */

static void range(const ensemble *e, int from, int to, uint32_t first, int steps, int initial) {
    int w = e->f64 ? W64 : W32;
    for (int m = 0; m < e->modes; m++)
        for (int i = from; i < to; i += w) {
            int live = to - i < w ? to - i : w;
            if (e->f64) chunk_f64(e, m, i, live, first, steps, initial);
            else chunk_f32(e, m, i, live, first, steps, initial);
        }
}

static void *run_task(void *arg) {
    task *t = arg;
    for (long op = 0; op < t->ops; op++)
        range(t->e, t->from, t->to, t->first + (uint32_t) (op * t->e->steps_per_op), t->e->steps_per_op, 0);
    return NULL;
}

/* Advances every walker by ops × steps_per_op steps from step `first` on the ensemble's threads. */
static void advance(ensemble *e, uint32_t first, long ops) {
    pthread_t th[256];
    task tasks[256];
    int w = e->f64 ? W64 : W32;
    int per = ((e->walkers + e->threads - 1) / e->threads + w - 1) / w * w;
    for (int k = 0; k < e->threads; k++) {
        int from = k * per < e->walkers ? k * per : e->walkers;
        int to = from + per < e->walkers ? from + per : e->walkers;
        tasks[k] = (task) {e, from, to, first, ops};
        if (k > 0 && pthread_create(&th[k], NULL, run_task, &tasks[k]) != 0) die("pthread_create failed", NULL);
    }
    run_task(&tasks[0]);
    for (int k = 1; k < e->threads; k++) pthread_join(th[k], NULL);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static long parse_long(const char *name, const char *v, long lo, long hi) {
    char *end;
    long x = strtol(v, &end, 10);
    if (*v == 0 || *end != 0 || x < lo || x > hi) {
        fprintf(stderr, "sgd_ensemble: %s must be an integer in [%ld, %ld]: %s\n", name, lo, hi, v);
        exit(2);
    }
    return x;
}

int main(int argc, char **argv) {
    ensemble e = {0};
    e.walkers = 65536; e.modes = 4; e.steps_per_op = 16; e.threads = 1;
    e.seed = 20260522ull; e.eta = 0.1; e.init_mean = 1.0; e.init_spread = 0.5; e.sigma_h = 0.3; e.sigma_g = 1.0;
    int reps = 5, dump = -1;
    double seconds = 3.0;
    for (int a = 1; a < argc; a++) {
        const char *o = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;
        if (!v) die("missing value after ", o);
        a++;
        if (!strcmp(o, "--precision")) {
            if (!strcmp(v, "F32")) e.f64 = 0; else if (!strcmp(v, "F64")) e.f64 = 1; else die("precision must be F32 or F64: ", v);
        } else if (!strcmp(o, "--transform")) {
            if (!strcmp(v, "portable")) e.libm = 0; else if (!strcmp(v, "libm")) e.libm = 1;
            else die("transform must be portable or libm: ", v);
        } else if (!strcmp(o, "--walkers")) e.walkers = (int) parse_long(o, v, 1, 1L << 28);
        else if (!strcmp(o, "--modes")) e.modes = (int) parse_long(o, v, 1, 4096);
        else if (!strcmp(o, "--steps-per-op")) e.steps_per_op = (int) parse_long(o, v, 1, 1 << 20);
        else if (!strcmp(o, "--threads")) e.threads = (int) parse_long(o, v, 1, 256);
        else if (!strcmp(o, "--reps")) reps = (int) parse_long(o, v, 1, 1000);
        else if (!strcmp(o, "--seconds")) { seconds = atof(v); if (!(seconds > 0 && seconds <= 600)) die("seconds must be in (0, 600]: ", v); }
        else if (!strcmp(o, "--seed")) e.seed = strtoull(v, NULL, 10);
        else if (!strcmp(o, "--dump")) dump = (int) parse_long(o, v, 0, 1 << 20);
        else die("unknown option ", o);
    }
    e.key = philox_key_of(e.seed);
    e.lambda = malloc(sizeof(double) * e.modes);
    for (int m = 0; m < e.modes; m++) e.lambda[m] = e.modes == 1 ? 1.0 : 0.5 + 1.5 * m / (e.modes - 1);
    size_t n = (size_t) e.walkers * e.modes;
    if (e.f64) e.x64 = aligned_alloc(64, (n * 8 + 63) / 64 * 64); else e.x32 = aligned_alloc(64, (n * 4 + 63) / 64 * 64);
    range(&e, 0, e.walkers, 0, 0, 1);

    if (dump >= 0) {
        if (dump > 0) range(&e, 0, e.walkers, 0, dump, 0);
        for (int m = 0; m < e.modes; m++)
            for (int i = 0; i < e.walkers; i++) {
                size_t k = (size_t) m * e.walkers + i;
                if (e.f64) printf("%d %d %016llx\n", m, i, (unsigned long long) double_bits(e.x64[k]));
                else printf("%d %d %08x\n", m, i, float_bits(e.x32[k]));
            }
        return 0;
    }

    /* calibrate: ops per repetition so that reps × one repetition ≈ seconds */
    uint32_t step = 0;
    long ops = 1;
    double t0 = now();
    advance(&e, step, ops);
    step += (uint32_t) e.steps_per_op;
    double one = now() - t0;
    long per_rep = (long) (seconds / reps / (one > 1e-6 ? one : 1e-6));
    if (per_rep < 1) per_rep = 1;
    advance(&e, step, per_rep); /* warm-up repetition */
    step += (uint32_t) (per_rep * e.steps_per_op);
    double *score = malloc(sizeof(double) * reps);
    double work = (double) e.walkers * e.modes * e.steps_per_op * per_rep;
    for (int r = 0; r < reps; r++) {
        t0 = now();
        advance(&e, step, per_rep);
        score[r] = work / (now() - t0);
        step += (uint32_t) (per_rep * e.steps_per_op);
    }
    /* a finite state proves the work was done (and keeps the compiler from dropping it) */
    double sum = 0;
    for (size_t k = 0; k < n; k++) sum += e.f64 ? e.x64[k] : e.x32[k];
    qsort(score, reps, sizeof(double), cmp_double);
    printf("{\"kernel\": \"sgd-ensemble\", \"precision\": \"%s\", \"transform\": \"%s\", \"threads\": %d, "
           "\"params\": {\"walkers\": \"%d\", \"modes\": \"%d\", \"stepsPerOp\": \"%d\", \"noise\": \"GAUSSIAN\"}, "
           "\"unit\": \"walker-mode-steps/s\", \"median\": %.6g, \"min\": %.6g, \"max\": %.6g, \"reps\": %d, "
           "\"finite\": %s}\n",
           e.f64 ? "F64" : "F32", e.libm ? "libm" : "portable", e.threads, e.walkers, e.modes, e.steps_per_op,
           reps % 2 ? score[reps / 2] : 0.5 * (score[reps / 2 - 1] + score[reps / 2]), score[0], score[reps - 1], reps,
           sum == sum && sum - sum == 0 ? "true" : "false");
    return 0;
}
