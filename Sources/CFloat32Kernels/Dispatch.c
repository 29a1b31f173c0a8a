// Chooses between the AVX2+FMA and the portable kernels, once per process: the first call asks the
// CPU (on x86-64 only; elsewhere there is only the portable path) and caches the answer.
#include <stdatomic.h>
#include "Kernels.h"

/// 0 = not yet asked, 1 = portable, 2 = AVX2+FMA. Relaxed atomics suffice: every thread that asks
/// computes the same answer.
static atomic_int chosenPath = 0;

bool optimlab_f32_uses_avx2(void) {
#if defined(__x86_64__)
    int path = atomic_load_explicit(&chosenPath, memory_order_relaxed);
    if (path == 0) {
        __builtin_cpu_init();
        path = (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 2 : 1;
        atomic_store_explicit(&chosenPath, path, memory_order_relaxed);
    }
    return path == 2;
#else
    return false;
#endif
}

#if defined(__x86_64__)
/// True when `path` asks for the automatic choice and that choice is AVX2+FMA.
static bool runsAVX2(OptimlabKernelPath path) {
    return path == OptimlabKernelPathAutomatic && optimlab_f32_uses_avx2();
}
#endif

void optimlab_adam_f32(const OptimlabAdamScalars *scalars, float *params, const float *grads, float *m, float *v,
                       float *v_max, size_t count, OptimlabKernelPath path) {
#if defined(__x86_64__)
    if (runsAVX2(path) && !scalars->scalar_tail) { optimlab_adam_f32_avx2(scalars, params, grads, m, v, v_max, count); return; }
#endif
    (void)path;
    optimlab_adam_f32_portable(scalars, params, grads, m, v, v_max, count);
}

void optimlab_sgd_f32(const OptimlabSGDScalars *scalars, float *params, const float *grads, float *buffer,
                      size_t count, OptimlabKernelPath path) {
#if defined(__x86_64__)
    if (runsAVX2(path)) { optimlab_sgd_f32_avx2(scalars, params, grads, buffer, count); return; }
#endif
    (void)path;
    optimlab_sgd_f32_portable(scalars, params, grads, buffer, count);
}

double optimlab_sum_of_squares_f32(const float *x, size_t count, OptimlabKernelPath path) {
#if defined(__x86_64__)
    if (runsAVX2(path)) return optimlab_sum_of_squares_f32_avx2(x, count);
#endif
    (void)path;
    return optimlab_sum_of_squares_f32_portable(x, count);
}

void optimlab_scale_f32(float *x, size_t count, float coefficient, OptimlabKernelPath path) {
#if defined(__x86_64__)
    if (runsAVX2(path)) { optimlab_scale_f32_avx2(x, count, coefficient); return; }
#endif
    (void)path;
    optimlab_scale_f32_portable(x, count, coefficient);
}
