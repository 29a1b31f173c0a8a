// CFloat32Kernels: the per-chunk inner loops of the engine's Float32 optimizers (Adam/AdamW with
// AMSGrad, SGD with momentum/dampening/Nesterov/weight decay, clipping's sum of squares and scale).
//
// Plain C11, built without flags. Every function exists twice: an AVX2+FMA version compiled for
// that instruction set through a function attribute, and a portable version with fmaf/sqrtf. The
// first call picks one for the process (AVX2+FMA when the CPU has both); both give the same bits,
// which are the bits of the engine's reference kernel `AdamStep.apply<Float>`: the scalars arrive
// already rounded to float, and every element runs the same correctly rounded operations in the
// same order, with fused multiply-adds exactly where the reference has them and nowhere else.
//
// The threading stays in Swift (OptimlabEngine/Float32/Parallelism.swift): each call here handles
// one contiguous chunk on the calling thread.
#ifndef OPTIMLAB_CFLOAT32KERNELS_H
#define OPTIMLAB_CFLOAT32KERNELS_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Which implementation a call runs.
typedef enum OptimlabKernelPath {
    /// The one chosen for this CPU (AVX2+FMA when available, else portable). What the engine uses.
    OptimlabKernelPathAutomatic = 0,
    /// Plain C with fmaf and sqrtf, on any CPU (tests use it to check the portable path here too).
    OptimlabKernelPathPortable = 1,
} OptimlabKernelPath;

/// True when the automatic path is the AVX2+FMA one on this CPU.
bool optimlab_f32_uses_avx2(void);

/// One Adam/AdamW step's scalars, each computed in double and rounded to float once.
typedef struct OptimlabAdamScalars {
    float l2;                   // λ of coupled L2 (g ← fma(λ, θ, g)), used when adds_l2
    float decay;                // 1 − lr·λ of decoupled decay (θ ← θ·decay), used when decays
    float lerp_weight;          // w = 1 − β₁: m ← fma(w, g − m, m)
    float lerp_weight_minus_one;// w − 1:      m ← fma(w − 1, g − m, g) when lerps_from_grad
    float beta2;                // β₂
    float one_minus_beta2;      // 1 − β₂
    float neg_step_size;        // −lr/(1 − β₁ᵗ)
    float bc2_root;             // √(1 − β₂ᵗ)
    float eps;                  // ε
    bool adds_l2, decays, lerps_from_grad;
    // The elements are a tensor's last count % 8, which PyTorch's fused kernel finishes in scalar
    // code: v ← fma(v, β₂, ((1−β₂)·g)·g) there. Such calls run the portable kernel.
    bool scalar_tail;
} OptimlabAdamScalars;

/// Elements [0, count) of θ, g, m, v (and v_max when non-null, AMSGrad): per element
///   g ← fma(λ, θ, g); θ ← θ·decay; m ← lerp; v ← fma((1−β₂)·g, g, v·β₂);
///   v_max ← (v ≥ v_max ? v : v_max); θ ← θ + (s·m) / (√v_used / √(1−β₂ᵗ) + ε).
void optimlab_adam_f32(const OptimlabAdamScalars *scalars, float *params, const float *grads, float *m, float *v,
                       float *v_max, size_t count, OptimlabKernelPath path);

/// One SGD step's scalars, each rounded to float once.
typedef struct OptimlabSGDScalars {
    float weight_decay;   // λ: g ← fma(λ, θ, g), used when decays
    float momentum;       // μ
    float keep;           // 1 − dampening
    float neg_lr;         // −lr
    bool decays, nesterov, is_first_step;
} OptimlabSGDScalars;

/// Elements [0, count) of θ, g and the momentum buffer (null without momentum): per element
///   g ← fma(λ, θ, g); buf ← g (first step) or fma(1 − dampening, g, buf·μ);
///   g ← fma(μ, buf, g) (Nesterov) or buf; θ ← fma(−lr, g, θ).
void optimlab_sgd_f32(const OptimlabSGDScalars *scalars, float *params, const float *grads, float *buffer,
                      size_t count, OptimlabKernelPath path);

/// Σ xᵢ² in double over [0, count): 16 double accumulators (lane k takes elements 16j + k) with
/// fused multiply-adds, summed lane 0..7 as (lane k + lane k+8) from −0, then the last count % 16
/// elements one by one. The fixed structure makes the result independent of the path.
double optimlab_sum_of_squares_f32(const float *x, size_t count, OptimlabKernelPath path);

/// x ← x·coefficient over [0, count), one rounding per element.
void optimlab_scale_f32(float *x, size_t count, float coefficient, OptimlabKernelPath path);

#ifdef __cplusplus
}
#endif

#endif
