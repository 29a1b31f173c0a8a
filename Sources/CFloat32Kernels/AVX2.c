// The AVX2+FMA kernels: 8 floats per instruction, compiled for AVX2 and FMA through the target
// attribute on each function (the rest of the binary keeps x86-64's baseline), so they run only
// after Dispatch.c has seen both features on the CPU. Each lane performs the portable kernel's
// operations in the portable kernel's order: _mm256_fmadd_ps where it calls fmaf, separate
// mul/add/sub/div otherwise, _mm256_sqrt_ps (correctly rounded) for sqrtf. The last count % 8
// elements go through the portable kernel, which gives them the same bits.
#pragma STDC FP_CONTRACT OFF

#include "Kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define OPTIMLAB_AVX2 __attribute__((target("avx2,fma")))

/// One step's scalars broadcast to 8 lanes.
typedef struct AdamLanes {
    __m256 l2, decay, w, wMinusOne, beta2, oneMinusBeta2, negStep, bc2Root, eps;
} AdamLanes;

/// Steps the 8 elements at offset i (the portable kernel's operations, lane by lane).
OPTIMLAB_AVX2 static inline
void adamEight(const OptimlabAdamScalars *s, const AdamLanes *c, float *params, const float *grads, float *m,
               float *v, float *v_max, size_t i) {
    __m256 p = _mm256_loadu_ps(params + i), g = _mm256_loadu_ps(grads + i);
    __m256 mOld = _mm256_loadu_ps(m + i), vOld = _mm256_loadu_ps(v + i);
    if (s->adds_l2) g = _mm256_fmadd_ps(c->l2, p, g);
    if (s->decays) p = _mm256_mul_ps(p, c->decay);
    __m256 diff = _mm256_sub_ps(g, mOld);
    __m256 mNew = s->lerps_from_grad ? _mm256_fmadd_ps(c->wMinusOne, diff, g) : _mm256_fmadd_ps(c->w, diff, mOld);
    __m256 vNew = _mm256_fmadd_ps(_mm256_mul_ps(c->oneMinusBeta2, g), g, _mm256_mul_ps(vOld, c->beta2));
    __m256 used = vNew;
    if (v_max) {
        __m256 old = _mm256_loadu_ps(v_max + i);
        used = _mm256_blendv_ps(old, vNew, _mm256_cmp_ps(vNew, old, _CMP_GE_OQ));   // v ≥ v_max ? v : v_max
        _mm256_storeu_ps(v_max + i, used);
    }
    __m256 denom = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(used), c->bc2Root), c->eps);
    p = _mm256_add_ps(p, _mm256_div_ps(_mm256_mul_ps(c->negStep, mNew), denom));
    _mm256_storeu_ps(params + i, p);
    _mm256_storeu_ps(m + i, mNew);
    _mm256_storeu_ps(v + i, vNew);
}

OPTIMLAB_AVX2
void optimlab_adam_f32_avx2(const OptimlabAdamScalars *s, float *params, const float *grads, float *m,
                            float *v, float *v_max, size_t count) {
    const AdamLanes c = {
        _mm256_set1_ps(s->l2), _mm256_set1_ps(s->decay), _mm256_set1_ps(s->lerp_weight),
        _mm256_set1_ps(s->lerp_weight_minus_one), _mm256_set1_ps(s->beta2), _mm256_set1_ps(s->one_minus_beta2),
        _mm256_set1_ps(s->neg_step_size), _mm256_set1_ps(s->bc2_root), _mm256_set1_ps(s->eps),
    };
    size_t i = 0;
    // Two independent vectors per iteration (one 64-byte line of each buffer), so the divisions and
    // square roots of one overlap the other's.
    for (; i + 16 <= count; i += 16) {
        adamEight(s, &c, params, grads, m, v, v_max, i);
        adamEight(s, &c, params, grads, m, v, v_max, i + 8);
    }
    if (i + 8 <= count) { adamEight(s, &c, params, grads, m, v, v_max, i); i += 8; }
    if (i < count)
        optimlab_adam_f32_portable(s, params + i, grads + i, m + i, v + i, v_max ? v_max + i : 0, count - i);
}

OPTIMLAB_AVX2
void optimlab_sgd_f32_avx2(const OptimlabSGDScalars *s, float *params, const float *grads, float *buffer,
                           size_t count) {
    const __m256 weightDecay = _mm256_set1_ps(s->weight_decay), momentum = _mm256_set1_ps(s->momentum);
    const __m256 keep = _mm256_set1_ps(s->keep), negLR = _mm256_set1_ps(s->neg_lr);
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 p = _mm256_loadu_ps(params + i), g = _mm256_loadu_ps(grads + i);
        if (s->decays) g = _mm256_fmadd_ps(weightDecay, p, g);
        if (buffer) {
            __m256 b = s->is_first_step ? g : _mm256_fmadd_ps(keep, g, _mm256_mul_ps(_mm256_loadu_ps(buffer + i), momentum));
            _mm256_storeu_ps(buffer + i, b);
            g = s->nesterov ? _mm256_fmadd_ps(momentum, b, g) : b;
        }
        _mm256_storeu_ps(params + i, _mm256_fmadd_ps(negLR, g, p));
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
