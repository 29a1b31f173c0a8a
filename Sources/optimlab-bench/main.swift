#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import OptimlabCLI
import OptimlabCourseware
import OptimlabEngine

// optimlab-bench: times the engine's Float32 kernels against a memory copy. One line per figure for
// scripts (`adamw-f32 n=16777216 ns_per_param=0.71`), then a table for people.

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    if let message = error.message {
        fputs("optimlab-bench: \(message)\n\(BenchOptions.usage)\n", stderr)
        exit(2)
    }
    print(BenchOptions.usage)
    exit(0)
}

if let steps = options.traceSteps {
    print(SyntheticTrace.make(steps: steps, params: options.traceParams,
                              dtype: options.traceFloat32 ? .float32 : .float64).json.rendered())
    exit(0)
}

let stopwatch = Stopwatch(warmups: options.warmups, repeats: options.repeats)
if options.experiments {
    // The experiments a lesson runs live: each must stay well under a second (issue 5), so the REPL
    // shows its picture at once. One line per switch: the correct run and the broken one, together.
    let experiment = Experiment()
    for s in BreakSwitch.allCases {
        let correct = s.demonstration
        guard let broken = try? correct.breaking([s]) else { continue }
        let seconds = stopwatch.medianSeconds {
            _ = experiment.run(correct)
            _ = experiment.run(broken)
        }
        print("experiment-\(s.rawValue) steps=\(experiment.steps) ms=\(fixed(seconds * 1e3, 2))")
    }
    exit(0)
}
if options.widgets {
    // A slider step must redraw in under 16 ms for a 2000-step schedule (issue 18).
    let bench = WidgetBench(stopwatch: stopwatch)
    for size in [TerminalSize.standard, TerminalSize(columns: 200, rows: 60)] {
        do {
            print(try bench.schedule(slider: 1, name: "widget-schedule-peak", size: size).line)
            print(try bench.schedule(slider: 2, name: "widget-schedule-warmup", size: size).line)
            print(bench.trajectory(size: size).line)
            print(try bench.experiment(size: size).line)
        } catch {
            fputs("optimlab-bench: \(error)\n", stderr)
            exit(1)
        }
    }
    exit(0)
}
let parallelism = Parallelism(threads: options.threads)
var figures: [Figure] = []
for n in options.sizes {
    let bench = Workbench(n: n, parallelism: parallelism, stopwatch: stopwatch)
    for figure in [bench.adam(decoupled: true), bench.adam(decoupled: false), bench.sgd(), bench.clip(), bench.copy()] {
        print(figure.line)
        figures.append(figure)
    }
}

print("")
print("up to \(options.threads) threads per step (one per \(parallelism.minimumChunk) params), median of \(options.repeats) steps after \(options.warmups) warm-up steps")
print("kernel      parameters      ms   ns/param   bytes/param    GB/s   × copy")
for n in options.sizes {
    let sized = figures.filter { $0.n == n }
    let copyNS = sized.first { $0.name == "copy-f32" }?.nanosecondsPerParam
    for f in sized {
        let ratio = copyNS.map { fixed(f.nanosecondsPerParam / $0, 2) } ?? "-"
        print(f.name.padding(10) + padded(String(n), 12) + padded(fixed(f.seconds * 1e3, 2), 9)
              + padded(fixed(f.nanosecondsPerParam, 3), 11) + padded(String(f.bytesPerParam), 14)
              + padded(fixed(f.gigabytesPerSecond, 1), 8) + padded(ratio, 9))
    }
}
