// The AVX2+FMA kernels: 8 floats per instruction, compiled for AVX2 and FMA through the target
// attribute on each function (the rest of the binary keeps x86-64's baseline), so they run only
// after Dispatch.c has seen both features on the CPU. Each lane performs the portable kernel's
// operations in the portable kernel's order: _mm256_fmadd_ps where it calls fmaf, separate
// mul/add/sub/div otherwise, _mm256_sqrt_ps (correctly rounded) for sqrtf. Adam's and SGD's last
// count % 16 elements go through the portable kernel, which gives them the same bits; the sum of
// squares finishes its tail with scalar FMAs in the portable kernel's order.
#pragma STDC FP_CONTRACT OFF

#include "Kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define OPTIMLAB_AVX2 __attribute__((target("avx2,fma")))

/// One step's scalars broadcast to 8 lanes, and its branches (copied out of the scalars so the
/// compiler knows no store into the buffers can change them, and hoists them out of the loop).
typedef struct AdamLanes {
    __m256 l2, decay, w, wMinusOne, beta2, oneMinusBeta2, negStep, bc2Root, eps;
    bool addsL2, decays, lerpsFromGrad, amsgrad;
} AdamLanes;

/// θ, g, m, v and v_max of 8 elements.
typedef struct AdamVectors {
    __m256 p, g, m, v, vMax;
} AdamVectors;

/// Loads elements i … i+15 as two halves, each buffer's 64 bytes back to back.
OPTIMLAB_AVX2 static inline
void adamLoad(const AdamLanes *c, AdamVectors x[2], const float *params, const float *grads, const float *m,
              const float *v, const float *v_max, size_t i) {
    for (int h = 0; h < 2; h++) x[h].p = _mm256_loadu_ps(params + i + 8 * h);
    for (int h = 0; h < 2; h++) x[h].g = _mm256_loadu_ps(grads + i + 8 * h);
    for (int h = 0; h < 2; h++) x[h].m = _mm256_loadu_ps(m + i + 8 * h);
    for (int h = 0; h < 2; h++) x[h].v = _mm256_loadu_ps(v + i + 8 * h);
    for (int h = 0; h < 2; h++) x[h].vMax = c->amsgrad ? _mm256_loadu_ps(v_max + i + 8 * h) : _mm256_setzero_ps();
}

/// The portable kernel's operations on 8 lanes, in its order; returns the new θ, m, v, v_max.
OPTIMLAB_AVX2 static inline
AdamVectors adamUpdate(const AdamLanes *c, AdamVectors x) {
    __m256 p = x.p, g = x.g;
    if (c->addsL2) g = _mm256_fmadd_ps(c->l2, p, g);
    if (c->decays) p = _mm256_mul_ps(p, c->decay);
    __m256 diff = _mm256_sub_ps(g, x.m);
    __m256 m = c->lerpsFromGrad ? _mm256_fmadd_ps(c->wMinusOne, diff, g) : _mm256_fmadd_ps(c->w, diff, x.m);
    __m256 v = _mm256_fmadd_ps(_mm256_mul_ps(c->oneMinusBeta2, g), g, _mm256_mul_ps(x.v, c->beta2));
    __m256 used = v, vMax = x.vMax;
    if (c->amsgrad) used = vMax = _mm256_blendv_ps(x.vMax, v, _mm256_cmp_ps(v, x.vMax, _CMP_GE_OQ));   // v ≥ v_max ? v : v_max
    __m256 denom = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(used), c->bc2Root), c->eps);
    p = _mm256_add_ps(p, _mm256_div_ps(_mm256_mul_ps(c->negStep, m), denom));
    return (AdamVectors){p, g, m, v, vMax};
}

/// Stores the new θ, m, v (and v_max) of elements i … i+15, each buffer's 64 bytes back to back:
/// writing whole lines one after another streams markedly faster than alternating buffers every 32
/// bytes (0.75 against 0.95 ns/param on one thread at 16M parameters).
OPTIMLAB_AVX2 static inline
void adamStore(const AdamLanes *c, const AdamVectors x[2], float *params, float *m, float *v, float *v_max,
               size_t i) {
    for (int h = 0; h < 2; h++) _mm256_storeu_ps(params + i + 8 * h, x[h].p);
    for (int h = 0; h < 2; h++) _mm256_storeu_ps(m + i + 8 * h, x[h].m);
    for (int h = 0; h < 2; h++) _mm256_storeu_ps(v + i + 8 * h, x[h].v);
    if (c->amsgrad) for (int h = 0; h < 2; h++) _mm256_storeu_ps(v_max + i + 8 * h, x[h].vMax);
}

OPTIMLAB_AVX2
void optimlab_adam_f32_avx2(const OptimlabAdamScalars *s, float *params, const float *grads, float *m,
                            float *v, float *v_max, size_t count) {
    const AdamLanes c = {
        _mm256_set1_ps(s->l2), _mm256_set1_ps(s->decay), _mm256_set1_ps(s->lerp_weight),
        _mm256_set1_ps(s->lerp_weight_minus_one), _mm256_set1_ps(s->beta2), _mm256_set1_ps(s->one_minus_beta2),
        _mm256_set1_ps(s->neg_step_size), _mm256_set1_ps(s->bc2_root), _mm256_set1_ps(s->eps),
        s->adds_l2, s->decays, s->lerps_from_grad, v_max != 0,
    };
    size_t i = 0;
    // One 64-byte line of each buffer per iteration, as two independent halves whose divisions and
    // square roots overlap.
    for (; i + 16 <= count; i += 16) {
        AdamVectors x[2];
        adamLoad(&c, x, params, grads, m, v, v_max, i);
        x[0] = adamUpdate(&c, x[0]);
        x[1] = adamUpdate(&c, x[1]);
        adamStore(&c, x, params, m, v, v_max, i);
    }
    if (i < count)
        optimlab_adam_f32_portable(s, params + i, grads + i, m + i, v + i, v_max ? v_max + i : 0, count - i);
}

OPTIMLAB_AVX2
void optimlab_sgd_f32_avx2(const OptimlabSGDScalars *s, float *params, const float *grads, float *buffer,
                           size_t count) {
    const __m256 weightDecay = _mm256_set1_ps(s->weight_decay), momentum = _mm256_set1_ps(s->momentum);
    const __m256 keep = _mm256_set1_ps(s->keep), negLR = _mm256_set1_ps(s->neg_lr);
    const bool decays = s->decays, nesterov = s->nesterov, firstStep = s->is_first_step;
    size_t i = 0;
    // 16 elements (one 64-byte line of each buffer) per iteration, each buffer's line stored whole
    // (see adamStore).
    for (; i + 16 <= count; i += 16) {
        __m256 p[2], g[2], b[2];
        for (int h = 0; h < 2; h++) p[h] = _mm256_loadu_ps(params + i + 8 * h);
        for (int h = 0; h < 2; h++) g[h] = _mm256_loadu_ps(grads + i + 8 * h);
        for (int h = 0; h < 2; h++) {
            if (decays) g[h] = _mm256_fmadd_ps(weightDecay, p[h], g[h]);
            if (buffer) {
                b[h] = firstStep ? g[h]
                                 : _mm256_fmadd_ps(keep, g[h], _mm256_mul_ps(_mm256_loadu_ps(buffer + i + 8 * h), momentum));
                g[h] = nesterov ? _mm256_fmadd_ps(momentum, b[h], g[h]) : b[h];
            }
            p[h] = _mm256_fmadd_ps(negLR, g[h], p[h]);
        }
        for (int h = 0; h < 2; h++) _mm256_storeu_ps(params + i + 8 * h, p[h]);
        if (buffer) for (int h = 0; h < 2; h++) _mm256_storeu_ps(buffer + i + 8 * h, b[h]);
    }
    if (i < count) optimlab_sgd_f32_portable(s, params + i, grads + i, buffer ? buffer + i : 0, count - i);
}

OPTIMLAB_AVX2
double optimlab_sum_of_squares_f32_avx2(const float *x, size_t count) {
    // acc[j] holds accumulator lanes 4j … 4j+3, i.e. the squares of elements 16i + 4j + (0…3).
    __m256d acc[4] = {_mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd(), _mm256_setzero_pd()};
    size_t i = 0;
    for (; i + OPTIMLAB_SUM_LANES <= count; i += OPTIMLAB_SUM_LANES) {
        for (int j = 0; j < 4; j++) {
            __m256d d = _mm256_cvtps_pd(_mm_loadu_ps(x + i + 4 * j));
            acc[j] = _mm256_fmadd_pd(d, d, acc[j]);
        }
    }
    double lanes[OPTIMLAB_SUM_LANES];
    for (int j = 0; j < 4; j++) _mm256_storeu_pd(lanes + 4 * j, acc[j]);
    double sum = optimlab_sum_lanes(lanes);
    // The tail's fma is a VFMADD here and fma() in the portable kernel: one rounding either way.
    for (; i < count; i++) {
        __m128d d = _mm_set_sd((double)x[i]);
        sum = _mm_cvtsd_f64(_mm_fmadd_sd(d, d, _mm_set_sd(sum)));
    }
    return sum;
}

OPTIMLAB_AVX2
void optimlab_scale_f32_avx2(float *x, size_t count, float coefficient) {
    // One multiplication per element, the same in any width: the compiler vectorises and unrolls
    // this loop with AVX2 (the target attribute) better than a hand-written 8-lane loop.
    for (size_t i = 0; i < count; i++) x[i] = x[i] * coefficient;
}
#endif
