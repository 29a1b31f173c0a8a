import Foundation
import Testing
@testable import OptimlabGrader

/// The submission fixtures are Swift files of their own (`Fixtures/Submissions`, `Fixtures/Exercises`),
/// resources the test target never compiles: the compiler's parser reads every one of them here, in one
/// `swiftc -parse` run, so a fixture broken by an edit fails this test with the compiler's own message,
/// not as a puzzling verdict in the grading tests. (`does-not-compile` has a type error, not a syntax
/// error: it parses; the grading tests compile them all for real.)
@Suite struct SubmissionFixtureTests {
    static var exerciseSources: [String] {
        let folder = ExerciseFixtures.folder
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".swift") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test func everyLoaderNameHasItsFile() {
        let names = Set(Submissions.allNames)
        #expect(names.count == 23, "\(names.sorted())")
        #expect(Set(Submissions.mistakeNames.map { "mistakes/\($0)" }) == names.filter { $0.hasPrefix("mistakes/") })
        #expect(Submissions.loopsThenPrints("X").contains("print(\"X\")"))
        #expect(Self.exerciseSources.count == 6, "\(Self.exerciseSources)")
    }

    /// `files` in batches without a repeated file name (the driver refuses two `wrong.swift` in one run).
    static func batches(_ files: [String]) -> [[String]] {
        var batches: [[String]] = []
        for file in files {
            let name = (file as NSString).lastPathComponent
            if let i = batches.firstIndex(where: { !$0.contains { ($0 as NSString).lastPathComponent == name } }) {
                batches[i].append(file)
            } else {
                batches.append([file])
            }
        }
        return batches
    }

    @Test func everyFixtureParses() throws {
        let swiftc = try Toolchain.locate(environment: GradingFixture.environment, runner: SandboxRunner()).get().swiftc
        let files = Submissions.allNames.map { "\(Submissions.folder)/\($0).swift" } + Self.exerciseSources
        let batches = Self.batches(files)
        #expect(batches.joined().count == files.count && batches.count <= 3)
        for batch in batches {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: swiftc)
            process.arguments = ["-parse"] + batch
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 && !output.contains("error:"), "\(output)")
        }
    }
}
