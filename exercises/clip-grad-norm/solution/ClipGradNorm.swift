/// torch.nn.utils.clip_grad_norm_: one coefficient from the global norm; returns the norm before.
func clipGradNorm(_ grads: inout [[Double]], maxNorm: Double) -> Double {
    let norms = grads.map { tensor in tensor.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    let total = norms.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let coefficient = min(maxNorm / (total + 1e-6), 1)
    grads = grads.map { tensor in tensor.map { $0 * coefficient } }
    return total
}
