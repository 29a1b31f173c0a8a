// The portable kernels: plain C11, one element at a time, with fmaf/fma exactly where the reference
// kernel fuses and separate, individually rounded operations everywhere else. On arm64 fmaf is an
// instruction; on an x86-64 CPU without FMA it is the C library's correctly rounded routine (slow,
// but the same bits). These also finish the elements the AVX2 kernels'
// whole iterations leave over.
#pragma STDC FP_CONTRACT OFF

#include <math.h>
#include "Kernels.h"

void optimlab_adam_f32_portable(const OptimlabAdamScalars *s, float *params, const float *grads, float *m,
                                float *v, float *v_max, size_t count) {
    for (size_t i = 0; i < count; i++) {
        float p = params[i], g = grads[i];
        if (s->adds_l2) g = fmaf(s->l2, p, g);
        if (s->decays) p = p * s->decay;
        float diff = g - m[i];
        float mNew = s->lerps_from_grad ? fmaf(s->lerp_weight_minus_one, diff, g) : fmaf(s->lerp_weight, diff, m[i]);
        float vNew = s->scalar_tail ? fmaf(v[i], s->beta2, (s->one_minus_beta2 * g) * g)
                                    : fmaf(s->one_minus_beta2 * g, g, v[i] * s->beta2);
        float used = vNew;
        if (v_max) {
            used = vNew >= v_max[i] ? vNew : v_max[i];   // Swift's max(v_max, v): v on ties, v_max on NaN
            v_max[i] = used;
        }
        float denom = sqrtf(used) / s->bc2_root + s->eps;
        params[i] = p + (s->neg_step_size * mNew) / denom;
        m[i] = mNew;
        v[i] = vNew;
    }
}

void optimlab_sgd_f32_portable(const OptimlabSGDScalars *s, float *params, const float *grads, float *buffer,
                               size_t count) {
    for (size_t i = 0; i < count; i++) {
        float p = params[i], g = grads[i];
        if (s->decays) g = fmaf(s->weight_decay, p, g);
        if (buffer) {
            float b = s->is_first_step ? g : fmaf(s->keep, g, buffer[i] * s->momentum);
            buffer[i] = b;
            g = s->nesterov ? fmaf(s->momentum, b, g) : b;
        }
        params[i] = fmaf(s->neg_lr, g, p);
    }
}

double optimlab_sum_lanes(const double lanes[OPTIMLAB_SUM_LANES]) {
    double sum = -0.0;
    for (int k = 0; k < OPTIMLAB_SUM_LANES / 2; k++) sum = sum + (lanes[k] + lanes[k + OPTIMLAB_SUM_LANES / 2]);
    return sum;
}

double optimlab_sum_of_squares_f32_portable(const float *x, size_t count) {
    double lanes[OPTIMLAB_SUM_LANES] = {0};
    size_t i = 0;
    for (; i + OPTIMLAB_SUM_LANES <= count; i += OPTIMLAB_SUM_LANES) {
        for (size_t k = 0; k < OPTIMLAB_SUM_LANES; k++) {
            double d = (double)x[i + k];
            lanes[k] = fma(d, d, lanes[k]);
        }
    }
    double sum = optimlab_sum_lanes(lanes);
    for (; i < count; i++) {
        double d = (double)x[i];
        sum = fma(d, d, sum);
    }
    return sum;
}

void optimlab_scale_f32_portable(float *x, size_t count, float coefficient) {
    for (size_t i = 0; i < count; i++) x[i] = x[i] * coefficient;
}
