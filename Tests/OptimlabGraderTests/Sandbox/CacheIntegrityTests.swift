import Foundation
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// The harness library every submission links is checked against its manifest before every use: a
/// swapped archive is never linked, and the grader says why.
@Suite struct CacheIntegrityTests {
    static func library() -> HarnessLibrary {
        let folder = TemporaryDirectory(prefix: "optimlab-harness-cache")
        let library = HarnessLibrary(directory: folder.path)
        for name in library.verifiedFiles { HarnessLibrary.writeReplacing(folder.file(name), Data("built \(name)".utf8)) }
        HarnessLibrary.writeReplacing(folder.file(HarnessLibrary.manifestName), Data(library.manifest().utf8))
        return library
    }

    @Test func anIntactLibraryVerifies() {
        let library = Self.library()
        defer { try? FileManager.default.removeItem(atPath: library.directory) }
        #expect(library.verify() == nil)
    }

    @Test func aSwappedArchiveIsNeverUsed() throws {
        let library = Self.library()
        defer { try? FileManager.default.removeItem(atPath: library.directory) }
        HarnessLibrary.writeReplacing(library.archive, Data("a poisoned archive".utf8))
        #expect(library.verify() == "the harness library in \(library.directory) does not match its manifest: remove it and grade again")
        let grader = Grader(exercise: GradingFixture.exercise("adamw"), toolchain: Toolchain(swiftc: "/usr/bin/swiftc", version: "x"),
                            library: library, runner: SandboxRunner(), seed: 1)
        let path = GradingFixture.write(Submissions.correct, name: "cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = grader.grade(path)
        #expect(report.status == .notGraded && report.cases.isEmpty)
        #expect(report.graderError == library.verify())
    }

    @Test func aLibraryOthersCanWriteIsNeverUsed() {
        let library = Self.library()
        defer { try? FileManager.default.removeItem(atPath: library.directory) }
        chmod(library.archive, 0o666)
        #expect(library.verify() == "the harness library cache \(library.directory) is not private (\(library.archive)): remove it and grade again")
    }

    /// `prepare` does not believe a cache entry that fails verification: it removes it and builds anew.
    @Test func prepareRebuildsATamperedLibrary() throws {
        let cache = TemporaryDirectory(prefix: "optimlab-harness-rebuild")
        defer { cache.remove() }
        let toolchain = try Toolchain.locate(runner: SandboxRunner()).get()
        let first = try HarnessLibrary.prepare(toolchain: toolchain, cacheRoot: cache.path, runner: SandboxRunner()).get()
        let original = try #require(SandboxHost.readFile(first.archive))
        HarnessLibrary.writeReplacing(first.archive, Data("poison".utf8))
        let second = try HarnessLibrary.prepare(toolchain: toolchain, cacheRoot: cache.path, runner: SandboxRunner()).get()
        #expect(second.verify() == nil)
        #expect(SandboxHost.readFile(second.archive)?.count == original.count)
    }
}
