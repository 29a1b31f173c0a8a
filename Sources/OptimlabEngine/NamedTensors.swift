/// An ordered collection of named parameter (or gradient) tensors.
///
/// Order matters: it is the order of a trace's JSON object, the order in which the grader's harness
/// flattens tensors into one vector, and the order PyTorch reduces per-tensor norms in
/// `clip_grad_norm_`. A dictionary would lose it, so names and values are kept side by side.
public struct NamedTensors: Equatable, Sendable {
    public private(set) var names: [String]
    public private(set) var values: [[Double]]

    public init() { names = []; values = [] }

    /// Builds from (name, values) pairs; later duplicates replace earlier ones in place.
    public init(_ pairs: [(String, [Double])]) {
        self.init()
        for (name, tensor) in pairs { self[name] = tensor }
    }

    public var count: Int { names.count }
    public var isEmpty: Bool { names.isEmpty }

    /// The total number of scalars over all tensors.
    public var scalarCount: Int { values.reduce(0) { $0 + $1.count } }

    public subscript(name: String) -> [Double]? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let i = names.firstIndex(of: name) {
                if let newValue { values[i] = newValue } else { names.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                names.append(name); values.append(newValue)
            }
        }
    }

    /// All tensors concatenated in order.
    public var flattened: [Double] { values.flatMap { $0 } }

    /// The lengths of the tensors, in order: the "shape" two tensor sets must share.
    public var lengths: [Int] { values.map(\.count) }

    /// Splits a flat vector back into tensors of this set's names and lengths.
    /// - Precondition: `flat.count == scalarCount`.
    public func reshaped(_ flat: [Double]) -> NamedTensors {
        precondition(flat.count == scalarCount, "flat vector has \(flat.count) values, expected \(scalarCount)")
        var out = NamedTensors()
        var offset = 0
        for (name, tensor) in zip(names, values) {
            out.names.append(name)
            out.values.append(Array(flat[offset..<offset + tensor.count]))
            offset += tensor.count
        }
        return out
    }

    /// Applies `transform` to every tensor, keeping names.
    public func mapTensors(_ transform: ([Double]) -> [Double]) -> NamedTensors {
        var out = self
        out.values = values.map(transform)
        return out
    }
}
