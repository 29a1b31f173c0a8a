import Foundation
import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// Grading on a host without network namespaces (some containers and CI runners): the exec wrapper's
/// seccomp filter is then what keeps a submission off the network. The compiler and a correct
/// submission must still work under it, and a submission that sends a datagram must not get it out.
@Suite struct NetworkFallbackGradingTests {
    static var hostWithoutNetworkNamespace: HostSupport? {
        var host = HostSupport.current
        guard case .wrapper = host.launcher else { return nil }
        host.networkNamespace = false
        return host
    }

    /// The reference solution, plus a UDP datagram to `port` on its first step; it prints whether
    /// the socket opened (to stdout, which grading ignores).
    static func phonesHome(port: Int) -> String {
        Submissions.adamw(body: Submissions.correctBody, prologue: """
            if t == 1 {
                let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(\(port)).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let sent = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, "x", 1, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                print("socket \\(fd) sent \\(sent)")
            }
            """)
    }

    @Test func aSubmissionCannotSendADatagramAndACorrectOnePasses() throws {
        let host = try #require(Self.hostWithoutNetworkNamespace, "the exec wrapper did not build")
        let listener = try #require(LoopbackListener(datagram: true))
        defer { listener.close() }
        let exercise = GradingFixture.exercise("adamw")
        let runner = SandboxRunner(host: host)
        let grader: Grader
        switch Grader.prepare(exercise: exercise, runner: runner, seed: 42, environment: GradingFixture.environment) {
        case .success(let g): grader = g
        case .failure(let e): Issue.record("cannot prepare the grader: \(e)"); return
        }
        let paths = [GradingFixture.write(Self.phonesHome(port: listener.port), name: "phones-home-\(getpid())"),
                     GradingFixture.write(Submissions.correct, name: "correct-no-netns-\(getpid())")]
        defer { for p in paths { try? FileManager.default.removeItem(atPath: p) } }
        let reports = grader.grade(paths)
        #expect(reports.count == 2)
        // Both compiled and computed the right numbers under the filter; the datagram never left.
        for report in reports {
            #expect(report.passed, "\(report.status): \(report.cases.map(\.message))")
            #expect(!report.missingProtections.contains { $0.contains("network") }, "\(report.missingProtections)")
        }
        #expect(!listener.receivedDatagram())
    }
}
