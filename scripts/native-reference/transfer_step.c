/*
 * Native reference of the transfer-operator step (bench/TransferStepBenchmark): p ← A p, A read from the Matrix
 * Market file that `sgdbench operator --export` writes (coordinate real general, rows = target cells). The
 * reference semantics of the suite: each row sum accumulated in increasing column order, in the run's precision;
 * in F32 a row sum below the smallest normal float is stored as +0.
 *
 * Layout: sliced ELLPACK with C = 16 rows per slice (every slice padded to its longest row with zero values),
 * one row per vector lane, so the per-row order of the sum is kept while the compiler vectorises across rows. The
 * suite's SIMD backend uses the same layout. Threads split the slices in contiguous halves (pthreads). The
 * `omp simd` pragmas (honoured with -fopenmp-simd) make GCC vectorise across the rows of a slice, not along a
 * row (which it otherwise tried for F32, with a slow in-order reduction).
 *
 *   transfer_step --mtx FILE [--precision F64|F32] [--threads T] [--reps R] [--seconds X] [--kernel ID]
 *                 → one JSON object on stdout, throughput in cell-steps/s
 *   transfer_step --mtx FILE --vector FILE [--precision ...] --dump
 *                 → one step from the vector file (Matrix Market array), one value per line (%.17g)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <float.h>
#include <math.h>

#define C 16

typedef struct {
    int rows, cols, slices, f64, threads;
    long nnz;
    int *slice_ptr;  /* start of slice s in the padded arrays; slice s has width (slice_ptr[s+1]-slice_ptr[s])/C */
    int *col;        /* padded, slice-major: entry k of row r in slice s at slice_ptr[s] + k·C + (r mod C) */
    double *val64;
    float *val32;
    double *x64, *y64;
    float *x32, *y32;
} sell;

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "transfer_step: %s%s\n", msg, arg ? arg : "");
    exit(2);
}

static char *skip_comments(FILE *f, char *line, size_t cap) {
    while (fgets(line, (int) cap, f)) if (line[0] != '%') return line;
    return NULL;
}

/* Reads a coordinate real general Matrix Market file into CSR (rp, ci, v), entries in any order. */
static void read_mtx(const char *path, int *rows, int *cols, long *nnz, int **rp, int **ci, double **v) {
    FILE *f = fopen(path, "r");
    if (!f) die("cannot open ", path);
    char line[512];
    if (!fgets(line, sizeof line, f) || strncmp(line, "%%MatrixMarket matrix coordinate real general", 45) != 0)
        die("not a 'matrix coordinate real general' Matrix Market file: ", path);
    if (!skip_comments(f, line, sizeof line) || sscanf(line, "%d %d %ld", rows, cols, nnz) != 3 || *rows < 1
        || *cols < 1 || *nnz < 0)
        die("bad size line in ", path);
    int *ri = malloc(sizeof(int) * (*nnz)), *cc = malloc(sizeof(int) * (*nnz));
    double *vv = malloc(sizeof(double) * (*nnz));
    *rp = calloc((size_t) *rows + 1, sizeof(int));
    for (long k = 0; k < *nnz; k++) {
        if (fscanf(f, "%d %d %lf", &ri[k], &cc[k], &vv[k]) != 3) die("truncated entries in ", path);
        if (ri[k] < 1 || ri[k] > *rows || cc[k] < 1 || cc[k] > *cols) die("index out of range in ", path);
        (*rp)[ri[k]]++;
    }
    fclose(f);
    for (int r = 0; r < *rows; r++) (*rp)[r + 1] += (*rp)[r];
    int *next = malloc(sizeof(int) * (*rows));
    memcpy(next, *rp, sizeof(int) * (*rows));
    *ci = malloc(sizeof(int) * (*nnz));
    *v = malloc(sizeof(double) * (*nnz));
    for (long k = 0; k < *nnz; k++) { /* stable: within a row, file order (the exporter writes increasing k) */
        int at = next[ri[k] - 1]++;
        (*ci)[at] = cc[k] - 1;
        (*v)[at] = vv[k];
    }
    free(ri); free(cc); free(vv); free(next);
}

static void build_sell(sell *a, const int *rp, const int *ci, const double *v) {
    a->slices = (a->rows + C - 1) / C;
    a->slice_ptr = malloc(sizeof(int) * (a->slices + 1));
    a->slice_ptr[0] = 0;
    for (int s = 0; s < a->slices; s++) {
        int width = 0;
        for (int r = s * C; r < (s + 1) * C && r < a->rows; r++)
            if (rp[r + 1] - rp[r] > width) width = rp[r + 1] - rp[r];
        a->slice_ptr[s + 1] = a->slice_ptr[s] + width * C;
    }
    long padded = a->slice_ptr[a->slices];
    a->col = aligned_alloc(64, (sizeof(int) * padded + 63) / 64 * 64);
    if (a->f64) a->val64 = aligned_alloc(64, (sizeof(double) * padded + 63) / 64 * 64);
    else a->val32 = aligned_alloc(64, (sizeof(float) * padded + 63) / 64 * 64);
    for (int s = 0; s < a->slices; s++) {
        int width = (a->slice_ptr[s + 1] - a->slice_ptr[s]) / C;
        for (int k = 0; k < width; k++)
            for (int l = 0; l < C; l++) {
                int r = s * C + l, at = a->slice_ptr[s] + k * C + l;
                int has = r < a->rows && k < rp[r + 1] - rp[r];
                a->col[at] = has ? ci[rp[r] + k] : 0; /* padding: value 0 times a valid element */
                if (a->f64) a->val64[at] = has ? v[rp[r] + k] : 0.0;
                else a->val32[at] = has ? (float) v[rp[r] + k] : 0.0f;
            }
    }
    size_t n = (size_t) a->slices * C;
    if (a->f64) {
        a->x64 = aligned_alloc(64, sizeof(double) * (n > (size_t) a->cols ? n : (size_t) a->cols));
        a->y64 = aligned_alloc(64, sizeof(double) * (n > (size_t) a->cols ? n : (size_t) a->cols));
    } else {
        a->x32 = aligned_alloc(64, sizeof(float) * (n > (size_t) a->cols ? n : (size_t) a->cols));
        a->y32 = aligned_alloc(64, sizeof(float) * (n > (size_t) a->cols ? n : (size_t) a->cols));
    }
}

static void spmv64(const sell *a, int s0, int s1, const double *restrict x, double *restrict y) {
    for (int s = s0; s < s1; s++) {
        const int *col = a->col + a->slice_ptr[s];
        const double *val = a->val64 + a->slice_ptr[s];
        int width = (a->slice_ptr[s + 1] - a->slice_ptr[s]) / C;
        double acc[C] = {0};
        for (int k = 0; k < width; k++) {
#pragma omp simd
            for (int l = 0; l < C; l++) acc[l] += val[k * C + l] * x[col[k * C + l]];
        }
        for (int l = 0; l < C; l++) y[s * C + l] = acc[l];
    }
}

static void spmv32(const sell *a, int s0, int s1, const float *restrict x, float *restrict y) {
    for (int s = s0; s < s1; s++) {
        const int *col = a->col + a->slice_ptr[s];
        const float *val = a->val32 + a->slice_ptr[s];
        int width = (a->slice_ptr[s + 1] - a->slice_ptr[s]) / C;
        float acc[C] = {0};
        for (int k = 0; k < width; k++) {
#pragma omp simd
            for (int l = 0; l < C; l++) acc[l] += val[k * C + l] * x[col[k * C + l]];
        }
        for (int l = 0; l < C; l++) y[s * C + l] = fabsf(acc[l]) < FLT_MIN ? 0.0f : acc[l];
    }
}

typedef struct { sell *a; int s0, s1; long steps; pthread_barrier_t *bar; } task;

static void *run_task(void *arg) {
    task *t = arg;
    sell *a = t->a;
    for (long st = 0; st < t->steps; st++) {
        /* every thread swaps its own copy of the two pointers; the barrier makes a step's writes visible */
        if (a->f64) spmv64(a, t->s0, t->s1, (st & 1) ? a->y64 : a->x64, (st & 1) ? a->x64 : a->y64);
        else spmv32(a, t->s0, t->s1, (st & 1) ? a->y32 : a->x32, (st & 1) ? a->x32 : a->y32);
        pthread_barrier_wait(t->bar);
    }
    return NULL;
}

/* An even number of steps, so the density ends where it started. */
static void steps(sell *a, long n) {
    pthread_t th[256];
    task tasks[256];
    pthread_barrier_t bar;
    pthread_barrier_init(&bar, NULL, (unsigned) a->threads);
    int per = (a->slices + a->threads - 1) / a->threads;
    for (int k = 0; k < a->threads; k++) {
        int s0 = k * per < a->slices ? k * per : a->slices, s1 = s0 + per < a->slices ? s0 + per : a->slices;
        tasks[k] = (task) {a, s0, s1, n, &bar};
        if (k > 0 && pthread_create(&th[k], NULL, run_task, &tasks[k]) != 0) die("pthread_create failed", NULL);
    }
    run_task(&tasks[0]);
    for (int k = 1; k < a->threads; k++) pthread_join(th[k], NULL);
    pthread_barrier_destroy(&bar);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmp_double(const void *x, const void *y) {
    double a = *(const double *) x, b = *(const double *) y;
    return a < b ? -1 : a > b;
}

int main(int argc, char **argv) {
    const char *mtx = NULL, *vec = NULL, *kernel = "transfer-1d";
    sell a = {0};
    a.f64 = 1; a.threads = 1;
    int reps = 5, dump = 0;
    double seconds = 3.0;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--dump")) { dump = 1; continue; }
        const char *v = i + 1 < argc ? argv[++i] : NULL;
        if (!v) die("missing value after ", o);
        if (!strcmp(o, "--mtx")) mtx = v;
        else if (!strcmp(o, "--vector")) vec = v;
        else if (!strcmp(o, "--kernel")) kernel = v;
        else if (!strcmp(o, "--precision")) {
            if (!strcmp(v, "F64")) a.f64 = 1; else if (!strcmp(v, "F32")) a.f64 = 0; else die("precision must be F32 or F64: ", v);
        } else if (!strcmp(o, "--threads")) { a.threads = atoi(v); if (a.threads < 1 || a.threads > 256) die("threads must be in [1, 256]: ", v); }
        else if (!strcmp(o, "--reps")) { reps = atoi(v); if (reps < 1 || reps > 1000) die("reps must be in [1, 1000]: ", v); }
        else if (!strcmp(o, "--seconds")) { seconds = atof(v); if (!(seconds > 0 && seconds <= 600)) die("seconds must be in (0, 600]: ", v); }
        else die("unknown option ", o);
    }
    if (!mtx) die("--mtx FILE is required", NULL);
    int *rp, *ci;
    double *v;
    read_mtx(mtx, &a.rows, &a.cols, &a.nnz, &rp, &ci, &v);
    if (a.rows != a.cols) die("the transfer operator must be square: ", mtx);
    build_sell(&a, rp, ci, v);
    size_t n = (size_t) a.slices * C;
    for (size_t i = 0; i < n; i++) {
        if (a.f64) a.x64[i] = a.y64[i] = 0; else a.x32[i] = a.y32[i] = 0;
    }
    if (vec) {
        FILE *f = fopen(vec, "r");
        char line[512];
        int len, one;
        if (!f || !fgets(line, sizeof line, f) || strncmp(line, "%%MatrixMarket matrix array real general", 40) != 0)
            die("not a 'matrix array real general' Matrix Market file: ", vec);
        if (!skip_comments(f, line, sizeof line) || sscanf(line, "%d %d", &len, &one) != 2 || len != a.cols || one != 1)
            die("vector length does not match the matrix: ", vec);
        for (int i = 0; i < len; i++) {
            double d;
            if (fscanf(f, "%lf", &d) != 1) die("truncated vector ", vec);
            if (a.f64) a.x64[i] = d; else a.x32[i] = (float) d;
        }
        fclose(f);
    } else {
        for (int i = 0; i < a.cols; i++) {
            if (a.f64) a.x64[i] = 1.0 / a.cols; else a.x32[i] = 1.0f / a.cols;
        }
    }
    if (dump) {
        int saved = a.threads;
        a.threads = 1;
        steps(&a, 1);
        a.threads = saved;
        for (int i = 0; i < a.rows; i++) printf("%.17g\n", a.f64 ? a.y64[i] : (double) a.y32[i]);
        return 0;
    }
    double t0 = now();
    steps(&a, 2);
    double one = (now() - t0) / 2;
    long per_rep = (long) (seconds / reps / (one > 1e-7 ? one : 1e-7));
    per_rep = per_rep < 2 ? 2 : per_rep / 2 * 2;
    steps(&a, per_rep); /* warm-up */
    double *score = malloc(sizeof(double) * reps);
    for (int r = 0; r < reps; r++) {
        t0 = now();
        steps(&a, per_rep);
        score[r] = (double) a.rows * per_rep / (now() - t0);
    }
    double mass = 0;
    for (int i = 0; i < a.rows; i++) mass += a.f64 ? a.x64[i] : a.x32[i];
    qsort(score, reps, sizeof(double), cmp_double);
    printf("{\"kernel\": \"%s\", \"precision\": \"%s\", \"threads\": %d, \"params\": {\"cells\": \"%d\"}, "
           "\"nnz\": %ld, \"unit\": \"cell-steps/s\", \"median\": %.6g, \"min\": %.6g, \"max\": %.6g, \"reps\": %d, "
           "\"finite\": %s}\n",
           kernel, a.f64 ? "F64" : "F32", a.threads, a.rows, a.nnz,
           reps % 2 ? score[reps / 2] : 0.5 * (score[reps / 2 - 1] + score[reps / 2]), score[0], score[reps - 1], reps,
           mass == mass && mass - mass == 0 ? "true" : "false");
    return 0;
}
