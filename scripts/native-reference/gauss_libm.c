/*
 * The libm Box–Muller: r = sqrt(−2 logf u1), (r cos 2πu2, r sin 2πu2) with the C library's logf/sinf/cosf, which
 * glibc vectorises (libmvec) under -ffast-math. Not bit-identical to the suite's portable transform (libm's
 * functions are accurate to about an ulp but not correctly rounded): this is the "what the machine can do with
 * its vendor's math library" figure, compiled in its own file so that -ffast-math never reaches the portable path.
 */
#include <math.h>
#include <stdint.h>

/* Three loops, not one: with sinf and cosf of the same angle in one loop, GCC fuses them into a sincos that
 * has no vector variant and the loop stays scalar. n ≤ 64. */
void gauss_libm_f32(int n, const uint32_t *restrict w0, const uint32_t *restrict w1, float *restrict zh,
                    float *restrict zg) {
    float r[64], a[64];
#pragma omp simd
    for (int j = 0; j < n; j++) {
        float u1 = ((float) (w0[j] >> 9) + 0.5f) * 0x1.0p-23f;
        r[j] = sqrtf(-2.0f * logf(u1));
        a[j] = 6.2831853f * (((float) (w1[j] >> 9) + 0.5f) * 0x1.0p-23f);
    }
#pragma omp simd
    for (int j = 0; j < n; j++) zh[j] = r[j] * cosf(a[j]);
#pragma omp simd
    for (int j = 0; j < n; j++) zg[j] = r[j] * sinf(a[j]);
}

void gauss_libm_f64(int n, const uint32_t *restrict w0, const uint32_t *restrict w1, const uint32_t *restrict w2,
                    const uint32_t *restrict w3, double *restrict zh, double *restrict zg) {
    double r[64], a[64];
#pragma omp simd
    for (int j = 0; j < n; j++) {
        double u1 = ((double) (((uint64_t) w0[j] << 20) | (w1[j] >> 12)) + 0.5) * 0x1.0p-52;
        r[j] = sqrt(-2.0 * log(u1));
        a[j] = 6.283185307179586 * (((double) (((uint64_t) w2[j] << 20) | (w3[j] >> 12)) + 0.5) * 0x1.0p-52);
    }
#pragma omp simd
    for (int j = 0; j < n; j++) zh[j] = r[j] * cos(a[j]);
#pragma omp simd
    for (int j = 0; j < n; j++) zg[j] = r[j] * sin(a[j]);
}
