import Foundation
import OptimlabContent
import Testing

/// The binary carries the course: every file under lessons/ and exercises/ is embedded verbatim.
struct EmbeddedContentTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func filesOnDisk(_ folder: String) -> [String] {
        let base = repositoryRoot.appendingPathComponent(folder)
        let walker = FileManager.default.enumerator(atPath: base.path)
        var out: [String] = []
        while let p = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            let name = (p as NSString).lastPathComponent
            if FileManager.default.fileExists(atPath: base.appendingPathComponent(p).path, isDirectory: &isDir),
               !isDir.boolValue, !name.hasPrefix(".") { out.append(folder + "/" + p) }
        }
        return out.sorted()
    }

    @Test func everyCourseFileIsEmbeddedVerbatim() throws {
        let onDisk = Self.filesOnDisk("lessons") + Self.filesOnDisk("exercises")
        #expect(EmbeddedContent.files.map(\.path) == onDisk.sorted())
        for path in onDisk {
            let text = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
            #expect(EmbeddedContent.file(at: path)?.text == text, "\(path) differs from its embedded copy")
        }
        #expect(EmbeddedContent.file(at: "lessons/README.md") != nil)
        #expect(EmbeddedContent.files(under: "lessons").allSatisfy { $0.path.hasPrefix("lessons/") })
    }
}
