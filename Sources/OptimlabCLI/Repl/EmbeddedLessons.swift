/// The lesson files built into the binary, used when no lessons directory is found on disk.
///
/// The content branch embeds `lessons/` with a build-tool plugin (`OptimlabContent`); at merge this
/// returns `EmbeddedContent.files(under: "lessons").map { ($0.path, $0.text) }`. Until then the
/// binary carries none.
func embeddedLessonFiles() -> [(path: String, text: String)] { [] }
