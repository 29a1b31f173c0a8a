import OptimlabContent

/// The lesson files built into the binary (the EmbedContent plugin), used when no lessons directory is
/// found on disk, so `optimlab` works from any folder.
func embeddedLessonFiles() -> [(path: String, text: String)] {
    EmbeddedContent.files(under: "lessons").filter { $0.path.hasSuffix(".md") }.map { ($0.path, $0.text) }
}
