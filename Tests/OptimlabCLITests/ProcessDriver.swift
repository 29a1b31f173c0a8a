import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with piped stdin/stdout/stderr, collecting output as it arrives so a test can wait
/// for a line before typing the next one.
final class ProcessDriver {
    /// Output collected by the pipe's handler thread.
    final class Buffer: Sendable {
        let data = Mutex<Data>(Data())
    }

    let process: Process
    let input: Pipe
    private let output = Buffer()

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        input = Pipe()
        let out = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = out
        let collected = output
        out.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            collected.data.withLock { $0.append(chunk) }
        }
        try process.run()
    }

    var text: String { output.data.withLock { String(decoding: $0, as: UTF8.self) } }

    func type(_ s: String) { input.fileHandleForWriting.write(Data(s.utf8)) }

    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Waits until the output contains `needle`; false on timeout.
    func waitFor(_ needle: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.contains(needle) { return true }
            usleep(20_000)
        }
        return text.contains(needle)
    }

    /// Waits until `needle` occurs at least `count` times in the output.
    func waitFor(_ needle: String, count: Int, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.components(separatedBy: needle).count - 1 >= count { return true }
            usleep(20_000)
        }
        return false
    }

    /// Waits for the process to exit (killing it after `timeout`); returns its status.
    @discardableResult
    func finish(timeout: Double = 20) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        usleep(50_000)                                   // let the last output arrive
        return process.terminationStatus
    }
}

/// Runs a command to completion with `stdin` as its input.
func run(_ executable: String, _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
         timeout: Double = 20) throws -> (status: Int32, output: String) {
    let driver = try ProcessDriver(executable, arguments, environment: environment)
    driver.type(stdin)
    driver.closeInput()
    let status = driver.finish(timeout: timeout)
    return (status, driver.text)
}
