import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a submission the way the grader trusts it: `open(O_NOFOLLOW | O_NONBLOCK)`, then `fstat` on
/// that descriptor, so only a regular file is read — never what a symbolic link points at (git stores
/// symlinks, and one to `/etc/shadow` or `/proc/self/environ` would otherwise be read outside the
/// sandbox and printed in the compile diagnostics), a FIFO, a device or a folder. The file must be
/// at most ``maxBytes`` and UTF-8. Each refusal names the file and says why.
enum SubmissionSource {
    /// 1 MiB: a hand-written optimizer is a few KB; the cap also bounds the compiler's diagnostics.
    static let maxBytes = 1 << 20

    static func load(_ path: String) -> Result<String, GraderError> {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP { return .failure(refused(path, "it is a symbolic link; only a regular file is graded")) }
            return .failure(refused(path, "cannot open it (\(String(cString: strerror(code))))"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(refused(path, "cannot inspect it")) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(refused(path, "it is not a regular file (\(kind(info.st_mode))); only a regular file is graded"))
        }
        guard Int(info.st_size) <= maxBytes else {
            return .failure(refused(path, "it is \(ReportText.size(Int(info.st_size))); a submission may be at most \(ReportText.size(maxBytes))"))
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= maxBytes {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return .failure(refused(path, "cannot read it")) }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        guard bytes.count <= maxBytes else {
            return .failure(refused(path, "it grew past \(ReportText.size(maxBytes)) while being read"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(refused(path, "it is not UTF-8 text"))
        }
        return .success(text)
    }

    static func refused(_ path: String, _ why: String) -> GraderError {
        GraderError("\(ReportText.name(path)): not graded: \(why)")
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }
}
