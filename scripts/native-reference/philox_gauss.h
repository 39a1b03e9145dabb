/*
 * The suite's random numbers in C: Philox4x32-10 at the stream layout's counters and the portable Box–Muller
 * transform, operation for operation as the Java reference (rng/Philox4x32, rng/StreamLayout, rng/Gaussian), so
 * that a build without -ffast-math and with -ffp-contract=off reproduces the Java scalar normals bit for bit.
 * Everything works on W consecutive walkers at once (arrays of W lanes) so that the compiler vectorises each loop.
 */
#ifndef SGDBENCH_PHILOX_GAUSS_H
#define SGDBENCH_PHILOX_GAUSS_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u
#define PHILOX_ROUNDS 10

enum { STREAM_SGD_NOISE = 0, STREAM_INITIAL = 1 };

/* Round keys (k0 + r·W0, k1 + r·W1). */
typedef struct { uint32_t k0[PHILOX_ROUNDS], k1[PHILOX_ROUNDS]; } philox_key;

static inline philox_key philox_key_of(uint64_t seed) {
    philox_key k;
    for (int r = 0; r < PHILOX_ROUNDS; r++) {
        k.k0[r] = (uint32_t) seed + (uint32_t) r * PHILOX_W0;
        k.k1[r] = (uint32_t) (seed >> 32) + (uint32_t) r * PHILOX_W1;
    }
    return k;
}

/* Words w0..w3 of Philox4x32-10 at counter (walker + j, step, mode, stream), j < n (n ≤ W lanes of the arrays). */
#define PHILOX_LANES(W, key, walker, step, mode, stream, w0, w1, w2, w3)                                          \
    do {                                                                                                          \
        uint32_t c0_[W], c1_[W], c2_[W], c3_[W];                                                                  \
        for (int j = 0; j < (W); j++) {                                                                           \
            c0_[j] = (uint32_t) (walker) + (uint32_t) j; c1_[j] = (uint32_t) (step);                              \
            c2_[j] = (uint32_t) (mode); c3_[j] = (uint32_t) (stream);                                             \
        }                                                                                                         \
        for (int r = 0; r < PHILOX_ROUNDS; r++) {                                                                 \
            const uint32_t k0_ = (key)->k0[r], k1_ = (key)->k1[r];                                                \
            for (int j = 0; j < (W); j++) {                                                                       \
                uint64_t p0 = (uint64_t) PHILOX_M0 * c0_[j], p1 = (uint64_t) PHILOX_M1 * c2_[j];                  \
                uint32_t n0 = (uint32_t) (p1 >> 32) ^ c1_[j] ^ k0_;                                               \
                uint32_t n2 = (uint32_t) (p0 >> 32) ^ c3_[j] ^ k1_;                                               \
                c1_[j] = (uint32_t) p1; c3_[j] = (uint32_t) p0; c0_[j] = n0; c2_[j] = n2;                         \
            }                                                                                                     \
        }                                                                                                         \
        for (int j = 0; j < (W); j++) { w0[j] = c0_[j]; w1[j] = c1_[j]; w2[j] = c2_[j]; w3[j] = c3_[j]; }         \
    } while (0)

static inline float as_float(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static inline uint32_t float_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static inline double as_double(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static inline uint64_t double_bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

/* ---------------------------------------------------------------------------------------------- F32 */

static inline float uniform24(uint32_t w) { return ((float) (w >> 9) + 0.5f) * 0x1.0p-23f; }

/* Gaussian.log(float), Gaussian.sinPoly/cosPoly(float) and the quadrant rule of Gaussian.pair(float, ...). */
static inline void gauss_pair_f32(float u1, float u2, float *zh, float *zg) {
    const float L0 = 1.0f / 11, L1 = 1.0f / 9, L2 = 1.0f / 7, L3 = 1.0f / 5, L4 = 1.0f / 3;
    const float S0 = -1.0f / 39916800.0f, S1 = 1.0f / 362880.0f, S2 = -1.0f / 5040.0f, S3 = 1.0f / 120.0f,
                S4 = -1.0f / 6.0f;
    const float C0 = 1.0f / 479001600.0f, C1 = -1.0f / 3628800.0f, C2 = 1.0f / 40320.0f, C3 = -1.0f / 720.0f,
                C4 = 1.0f / 24.0f, C5 = -1.0f / 2.0f;
    const float LN2_F = 0.6931472f, TWO_PI_F = (float) (2 * 3.141592653589793);
    const uint32_t SQRT2_BITS = 0x3FB504F3u; /* 1.4142135f */
    uint32_t bits = float_bits(u1);
    int32_t e = (int32_t) ((bits >> 23) & 0xFF) - 127;
    uint32_t mb = (bits & 0x007FFFFFu) | 0x3F800000u;
    uint32_t big = mb > SQRT2_BITS;
    mb -= big << 23; /* m·0.5, exact */
    e += (int32_t) big;
    float f = as_float(mb) - 1.0f;
    float s = f / (2.0f + f);
    float s2 = s * s;
    float p = fmaf(fmaf(fmaf(fmaf(fmaf(L0, s2, L1), s2, L2), s2, L3), s2, L4), s2, 1.0f);
    float ln = fmaf((float) e, LN2_F, 2.0f * s * p);
    float r = sqrtf(-2.0f * ln);
    float shifted = u2 * 4.0f + 0x1.8p23f; /* rint by the exact add and subtract of 1.5·2²³ */
    uint32_t quadrant = float_bits(shifted);
    float q = shifted - 0x1.8p23f;
    float a = (u2 - 0.25f * q) * TWO_PI_F;
    float a2 = a * a;
    float sp = fmaf(fmaf(fmaf(fmaf(S0, a2, S1), a2, S2), a2, S3), a2, S4);
    float sn = fmaf(sp * a2, a, a);
    float cs = fmaf(fmaf(fmaf(fmaf(fmaf(fmaf(C0, a2, C1), a2, C2), a2, C3), a2, C4), a2, C5), a2, 1.0f);
    uint32_t swap = 0u - (quadrant & 1u), sb = float_bits(sn), cb = float_bits(cs);
    uint32_t cosT = ((cb & ~swap) | (sb & swap)) ^ (((quadrant + 1u) & 2u) << 30);
    uint32_t sinT = ((sb & ~swap) | (cb & swap)) ^ ((quadrant & 2u) << 30);
    *zh = r * as_float(cosT);
    *zg = r * as_float(sinT);
}

/* ---------------------------------------------------------------------------------------------- F64 */

static inline double uniform53(uint32_t w0, uint32_t w1) {
    uint64_t bits = ((uint64_t) w0 << 20) | (w1 >> 12);
    return ((double) bits + 0.5) * 0x1.0p-52;
}

static inline void gauss_pair_f64(double u1, double u2, double *zh, double *zg) {
    const double LN2 = 0.6931471805599453, TWO_PI = 2 * 3.141592653589793;
    const uint64_t SQRT2_BITS = 0x3FF6A09E667F3BCDull; /* 1.4142135623730951 */
    uint64_t bits = double_bits(u1);
    int64_t e = (int64_t) ((bits >> 52) & 0x7FF) - 1023;
    uint64_t mb = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;
    uint64_t big = mb > SQRT2_BITS;
    mb -= big << 52;
    e += (int64_t) big;
    double f = as_double(mb) - 1.0;
    double s = f / (2.0 + f);
    double s2 = s * s;
    double p = 1.0 / 23;
    p = fma(p, s2, 1.0 / 21); p = fma(p, s2, 1.0 / 19); p = fma(p, s2, 1.0 / 17); p = fma(p, s2, 1.0 / 15);
    p = fma(p, s2, 1.0 / 13); p = fma(p, s2, 1.0 / 11); p = fma(p, s2, 1.0 / 9); p = fma(p, s2, 1.0 / 7);
    p = fma(p, s2, 1.0 / 5); p = fma(p, s2, 1.0 / 3); p = fma(p, s2, 1.0);
    double ln = fma((double) e, LN2, 2.0 * s * p);
    double r = sqrt(-2.0 * ln);
    double shifted = u2 * 4.0 + 0x1.8p52; /* rint: |4·u2| ≤ 4 ≪ 2⁵¹ */
    uint64_t quadrant = double_bits(shifted);
    double q = shifted - 0x1.8p52;
    double a = (u2 - 0.25 * q) * TWO_PI;
    double a2 = a * a;
    double sp = -1.0 / 121645100408832000.0;
    sp = fma(sp, a2, 1.0 / 355687428096000.0); sp = fma(sp, a2, -1.0 / 1307674368000.0);
    sp = fma(sp, a2, 1.0 / 6227020800.0); sp = fma(sp, a2, -1.0 / 39916800.0); sp = fma(sp, a2, 1.0 / 362880.0);
    sp = fma(sp, a2, -1.0 / 5040.0); sp = fma(sp, a2, 1.0 / 120.0); sp = fma(sp, a2, -1.0 / 6.0);
    double sn = fma(sp * a2, a, a);
    double cp = -1.0 / 6402373705728000.0;
    cp = fma(cp, a2, 1.0 / 20922789888000.0); cp = fma(cp, a2, -1.0 / 87178291200.0);
    cp = fma(cp, a2, 1.0 / 479001600.0); cp = fma(cp, a2, -1.0 / 3628800.0); cp = fma(cp, a2, 1.0 / 40320.0);
    cp = fma(cp, a2, -1.0 / 720.0); cp = fma(cp, a2, 1.0 / 24.0); cp = fma(cp, a2, -1.0 / 2.0);
    double cs = fma(cp, a2, 1.0);
    uint64_t swap = 0u - (quadrant & 1u), sb = double_bits(sn), cb = double_bits(cs);
    uint64_t cosT = ((cb & ~swap) | (sb & swap)) ^ (((quadrant + 1u) & 2u) << 62);
    uint64_t sinT = ((sb & ~swap) | (cb & swap)) ^ ((quadrant & 2u) << 62);
    *zh = r * as_double(cosT);
    *zg = r * as_double(sinT);
}

#endif
