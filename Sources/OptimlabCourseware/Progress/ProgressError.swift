/// Problems with the progress file that stop a session (a corrupt file does not: it is moved aside).
public enum ProgressError: Error, Equatable, CustomStringConvertible {
    case newerVersion(path: String, version: Int)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .newerVersion(let path, let version):
            "\(path) was written by a newer optimlab (progress version \(version); this one reads \(LearnerProgress.currentVersion)). It is left untouched: update optimlab, or use --progress FILE for another file."
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}
