internal import CFloat32Kernels

/// Which C implementation of the Float32 kernels a pass runs (Sources/CFloat32Kernels).
///
/// The engine always runs `.automatic`: the AVX2+FMA kernels on x86-64 CPUs that have both, the
/// portable C kernels (fmaf, sqrtf) elsewhere. Both give the same bits; `.portable` exists so the
/// tests can check that on a machine where the automatic choice is the vector one.
enum Float32KernelPath: Sendable {
    case automatic
    case portable

    /// The C library's name for this choice.
    var c: OptimlabKernelPath {
        switch self {
        case .automatic: OptimlabKernelPathAutomatic
        case .portable: OptimlabKernelPathPortable
        }
    }

    /// True when `.automatic` runs the AVX2+FMA kernels on this CPU.
    static var automaticUsesAVX2: Bool { optimlab_f32_uses_avx2() }
}
