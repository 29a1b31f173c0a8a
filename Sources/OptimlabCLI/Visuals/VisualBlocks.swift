import OptimlabCourseware
import OptimlabEngine

// Lesson blocks drawn by the plotting layer. The body of each is YAML:
//
//   ```plot                                   ```plot
//   kind: schedule                            kind: trajectory
//   schedules:                                optimizers: [sgd, momentum, adam]   # or "sgd,adam"
//     - {name: warmup_cosine, peak: 3e-4,     steps: 300
//        warmup_steps: 100, total_steps: 2000, lr: {sgd: 0.09, adam: 0.1}     # optional
//        min_lr: 3e-5}                         target_loss: 1e-3                   # optional
//     - {name: step, peak: 3e-4, step_size: 700, gamma: 0.3}
//   mark: [25, 1500]      # optional: lr at these steps printed beside the plot
//   steps: 2000           # optional: default the largest total_steps, else 1000
//   log_y: false          # optional
//   ```
//
//   ```experiment                 (or a plot block with kind: experiment)
//   runs:
//     - {optimizer: adamw, lr: 0.3, schedule: {name: warmup_cosine, warmup_steps: 20}, clip: 1.0}
//     - {optimizer: adam, lr: 0.01, switches: [no-bias-correction]}   # broken twin of a correct run
//   preset: sweep         # optional instead of (or before) runs: sweep, adagrad-vs-rmsprop, a switch name
//   steps: 200            # optional, 1–5000
//   id: clip              # optional: prose reads the results as {{ clip.run1.final_loss }}
//   expect: "run1.final_loss < run2.final_loss"   # optional, one or a list: checked by `optimlab check`
//   ```
//
// Schedule fields also accept warmup, total, min and lr (= peak). A run may also set label, beta2 and
// weight_decay; its schedule is a name or a map whose peak is the run's lr. Optimizers: sgd, momentum,
// adagrad, rmsprop, adam, adamw. Switches: no-bias-correction, coupled-decay, no-warmup, no-clipping,
// clip-per-tensor, beta2-0.999, beta2-0.95, sgd-lr-3e-4. All fields optional unless shown without a
// comment; `title` is accepted by every kind.

/// Renders a `plot` or `experiment` lesson block body: the courseware reads it, the engine computes
/// it, this layer draws it.
///
/// Invalid bodies throw an error listing every problem at its `file:line:column` (the same problems
/// ``validateVisualBlock(kind:yaml:file:)`` returns); a run whose switch does not apply is one of them.
public func renderVisualBlock(kind: String, yaml: String, file: String = "block", terminal: Terminal) throws -> String {
    var reader = VisualBlockReader(file: file)
    guard let block = reader.read(kind: kind, yaml: yaml) else { throw VisualBlockError(problems: reader.diagnostics) }
    do { return try block.compute().report().text(terminal: terminal) } catch {
        throw VisualBlockError(problems: [LessonDiagnostic(file: file, line: 1, message: error.message)])
    }
}

/// Validates a `plot`/`experiment` block body read as the start of `file`: every problem at its line
/// and column.
public func validateVisualBlock(kind: String, yaml: String, file: String = "block") -> [LessonDiagnostic] {
    var reader = VisualBlockReader(file: file)
    _ = reader.read(kind: kind, yaml: yaml)
    return reader.diagnostics
}

extension VisualFigure {
    /// The figure drawn by the plotting layer.
    public func report() -> PlotReport {
        switch self {
        case .schedule(let f): f.report()
        case .trajectory(let f): f.report()
        case .experiment(let f): f.report()
        }
    }
}
