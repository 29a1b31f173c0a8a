// The two implementations of each kernel, behind the dispatch in Dispatch.c (not public).
#ifndef OPTIMLAB_CFLOAT32KERNELS_INTERNAL_H
#define OPTIMLAB_CFLOAT32KERNELS_INTERNAL_H

#include "CFloat32Kernels.h"

void optimlab_adam_f32_portable(const OptimlabAdamScalars *s, float *params, const float *grads, float *m,
                                float *v, float *v_max, size_t count);
void optimlab_sgd_f32_portable(const OptimlabSGDScalars *s, float *params, const float *grads, float *buffer,
                               size_t count);
double optimlab_sum_of_squares_f32_portable(const float *x, size_t count);
void optimlab_scale_f32_portable(float *x, size_t count, float coefficient);

/// Lanes of the sum of squares' accumulator (both paths use this many, in this order).
#define OPTIMLAB_SUM_LANES 16

/// Adds the accumulator lanes in the fixed order both paths share: from −0, lane k + lane k+8 for
/// k = 0…7 (the order of Swift's `(low + high).sum()` the kernel replaced).
double optimlab_sum_lanes(const double lanes[OPTIMLAB_SUM_LANES]);

#if defined(__x86_64__)
void optimlab_adam_f32_avx2(const OptimlabAdamScalars *s, float *params, const float *grads, float *m,
                            float *v, float *v_max, size_t count);
void optimlab_sgd_f32_avx2(const OptimlabSGDScalars *s, float *params, const float *grads, float *buffer,
                           size_t count);
double optimlab_sum_of_squares_f32_avx2(const float *x, size_t count);
void optimlab_scale_f32_avx2(float *x, size_t count, float coefficient);
#endif

#endif
