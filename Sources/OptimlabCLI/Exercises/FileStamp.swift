#if canImport(Glibc)
import Glibc
#endif

/// What `watch` compares to notice a save: inode, size and modification time (nanoseconds). An
/// editor that saves by renaming a new file over the old changes the inode even when size and
/// time look the same.
struct FileStamp: Equatable {
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    /// The file's stamp, nil when it does not exist (mid-save, between unlink and rename).
    init?(path: String) {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        inode = UInt64(s.st_ino); size = Int64(s.st_size)
        seconds = Int(s.st_mtim.tv_sec); nanoseconds = Int(s.st_mtim.tv_nsec)
    }
}
