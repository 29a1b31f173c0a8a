/// A course file: its path relative to the course root (e.g. `lessons/04-adam.md`) and its text.
public struct ContentFile: Sendable, Equatable {
    public var path: String
    public var text: String
    public init(path: String, text: String) { self.path = path; self.text = text }
}

/// The lessons and exercises built into the binary (generated from `lessons/` and `exercises/` by the
/// EmbedContent plugin at build time), so `optimlab` works from any folder.
public enum EmbeddedContent {
    /// Every embedded file, sorted by path.
    public static var files: [ContentFile] { generated }

    /// The files under one folder (`"lessons"` or `"exercises"`), sorted by path.
    public static func files(under folder: String) -> [ContentFile] {
        generated.filter { $0.path.hasPrefix(folder + "/") }
    }

    public static func file(at path: String) -> ContentFile? { generated.first { $0.path == path } }
}
