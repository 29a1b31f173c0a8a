import ArgumentParser
import Foundation

/// Process entry: parses arguments and maps failures to exit statuses.
///
/// Exit 0 on success, 1 when a check or grade found failures (commands throw `ExitCode(1)`), 2 when
/// optimlab cannot do what was asked (bad arguments or malformed input). Messages go to stderr.
public enum OptimlabMain {
    public static func main(arguments: [String]? = nil) -> Never {
        do {
            var command = try Optimlab.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("optimlab: \(error)\n".utf8))
            exit(2)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            let code = Optimlab.exitCode(for: error)
            if code == .success { Optimlab.exit(withError: error) }
            FileHandle.standardError.write(Data((Optimlab.fullMessage(for: error) + "\n").utf8))
            exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}
