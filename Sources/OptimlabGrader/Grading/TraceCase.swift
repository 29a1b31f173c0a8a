import Foundation
import OptimlabEngine

/// A trace file made a grading case (`grade --trace FILE`, an exercise's `trace:` case), checked
/// before anything runs. It is parsed by the grader before the submission starts, so its parsing
/// never counts against the student's time, and it is refused — with the file and the reason —
/// unless it is something a student's run can be fairly judged on:
///
/// - at most ``maxFileBytes`` bytes, ``maxSteps`` steps and ``maxValues`` values in all (initial
///   params plus every step's gradients and params), so the case file the harness reads inside the
///   student's time limit stays small (at the cap about 17 MB, read in well under a second);
/// - at least one step (a trace with none would pass the starter);
/// - tensor names that are identifiers (`[A-Za-z_][A-Za-z0-9_.]*`, at most 64 characters), since
///   names are written into the case file one per line and shown in every report;
/// - every hyperparameter, lr, initial param, gradient and recorded param finite, and the engine's
///   own run of the trace finite at every step (an lr that overflows is refused, not graded);
/// - for a float32 trace, a rounding floor that can still tell a mistake from rounding. Against a
///   float32 reference the absolute tolerance is 1e-5 × the trace's largest |θ| (see
///   ``Tolerance/forFloat32Reference(scale:)``); one huge θ would make that floor swallow every
///   learning-rate-sized mistake on every other parameter. Such a trace is refused, not graded
///   loosely: when the floor exceeds a tenth of the trace's largest lr (a known mistake moves
///   parameters by about an lr per step), the message says so and asks for float64 or a split.
public enum TraceCase {
    public static let maxFileBytes = 64 << 20
    public static let maxSteps = 10_000
    public static let maxValues = 1_000_000
    public static let maxNameLength = 64

    public static func load(_ path: String, exercise: Exercise) -> Result<Trace, GraderError> {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maxFileBytes else {
            return .failure(GraderError("\(path): the trace is \(ReportText.size(size)); a trace may be at most \(ReportText.size(maxFileBytes))"))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .failure(GraderError("cannot read the trace \(path)"))
        }
        let trace: Trace
        do { trace = try Trace(json: text) } catch { return .failure(GraderError("\(path): \(error)")) }
        if let reason = exercise.unsupportedReason(trace) ?? problem(trace, output: exercise.reference.output)
            ?? TraceAgreement.disagreement(trace, tolerance: exercise.tolerance) {
            return .failure(GraderError("\(path): \(reason)"))
        }
        return .success(trace)
    }

    /// Why `trace` cannot be a grading case, or nil.
    public static func problem(_ trace: Trace, output: ExerciseReference.Output) -> String? {
        guard !trace.steps.isEmpty else { return "the trace has no steps; a case needs at least one" }
        guard trace.steps.count <= maxSteps else { return "the trace has \(trace.steps.count) steps; a case may have at most \(maxSteps)" }
        let perStep = trace.initialParams.flattened.count
        let values = perStep + trace.steps.reduce(0) { $0 + $1.grads.flattened.count + ($1.params?.flattened.count ?? 0) }
        guard values <= maxValues else { return "the trace holds \(values) values; a case may hold at most \(maxValues)" }
        for name in trace.initialParams.names + trace.steps.flatMap(\.grads.names) where !isIdentifier(name) {
            return "the tensor name \"\(ReportText.name(String(name.prefix(maxNameLength))))\" is not an identifier (letters, digits, _ and ., at most \(maxNameLength) characters)"
        }
        if let bad = trace.optimizer.fields.first(where: { !$0.value.isFinite }) { return "the hyperparameter \(bad.field) is \(bad.value)" }
        if let clip = trace.clipNorm, !clip.isFinite || clip <= 0 { return "clip_norm is \(clip); it must be a positive finite number" }
        if let i = trace.initialParams.flattened.firstIndex(where: { !$0.isFinite }) { return "initial param \(i) is not finite" }
        for (k, step) in trace.steps.enumerated() {
            if let lr = step.lr, !lr.isFinite { return "step \(k + 1): the lr is \(lr)" }
            if !trace.scheduledLR(atStep: k).isFinite { return "step \(k + 1): the schedule's lr is not finite" }
            if step.grads.flattened.contains(where: { !$0.isFinite }) { return "step \(k + 1): a gradient is not finite" }
            if let p = step.params, p.flattened.contains(where: { !$0.isFinite }) { return "step \(k + 1): a recorded param is not finite" }
        }
        let replay = trace.completed()
        for (k, step) in replay.steps.enumerated() {
            let finite = output == .learningRate ? (step.lr ?? 0).isFinite : (step.params?.flattened ?? []).allSatisfy(\.isFinite)
            if !finite { return "step \(k + 1): the reference run overflows (the engine's values are not finite), so no submission could match it" }
        }
        if trace.dtype == .float32, output == .params { return float32Problem(trace, replay: replay) }
        return nil
    }

    /// Whether float32's rounding floor over this trace is too coarse to grade it.
    static func float32Problem(_ trace: Trace, replay: Trace) -> String? {
        let values = trace.initialParams.flattened + trace.steps.flatMap { $0.params?.flattened ?? [] }
            + replay.steps.flatMap { $0.params?.flattened ?? [] }
        let scale = values.reduce(0) { max($0, abs($1)) }
        let peakLR = trace.steps.indices.map { trace.steps[$0].lr ?? trace.scheduledLR(atStep: $0) }.max() ?? trace.optimizer.lr
        let floor = Tolerance.standard.forFloat32Reference(scale: scale).abs
        guard floor > 0.1 * peakLR else { return nil }
        return "the trace is float32 and its largest |θ| (\(Grader.number(scale))) makes float32's rounding floor "
            + "(1e-5 × |θ| = \(Grader.number(floor))) larger than a tenth of its largest lr (\(Grader.number(peakLR))): "
            + "a mistake could not be told from rounding; record it in float64, or split off the large parameters"
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= maxNameLength,
              first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == ".") }
    }
}
