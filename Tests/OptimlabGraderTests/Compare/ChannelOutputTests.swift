import Testing
@testable import OptimlabGrader

@Suite struct ChannelOutputTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    let one = String(1.0.bitPattern, radix: 16), half = String(0.5.bitPattern, radix: 16)

    @Test func readsStepsUntilEND() {
        let c = ChannelOutput(bytes: bytes("optimlab-out-1 ab12\nstep 1 \(one) \(half)\nstep 2 \(half) \(one)\nEND ab12\n"), nonce: "ab12")
        #expect(c == ChannelOutput(steps: [[1, 0.5], [0.5, 1]], finished: true))
    }

    @Test func eachCaseReadsItsOwnSectionOfAMultiCaseRun() {
        let run = bytes("optimlab-out-1 aa\nstep 1 \(one)\nEND aa\noptimlab-out-1 bb\nstep 1 \(half)\nstep 2 \(one)\nEND bb\noptimlab-out-1 cc\nstep 1 \(one)\n")
        #expect(ChannelOutput(bytes: run, nonce: "aa") == ChannelOutput(steps: [[1]], finished: true))
        #expect(ChannelOutput(bytes: run, nonce: "bb") == ChannelOutput(steps: [[0.5], [1]], finished: true))
        #expect(ChannelOutput(bytes: run, nonce: "cc") == ChannelOutput(steps: [[1]], finished: false))
        #expect(ChannelOutput(bytes: run, nonce: "dd").steps.isEmpty)
    }

    @Test func missingENDMeansUnfinished() {
        let c = ChannelOutput(bytes: bytes("optimlab-out-1 ab12\nstep 1 \(one)\n"), nonce: "ab12")
        #expect(c.steps == [[1]] && !c.finished && c.problem == nil)
    }

    @Test func aWrongNonceIsNotAccepted() {
        let forged = ChannelOutput(bytes: bytes("optimlab-out-1 0000\nstep 1 \(one)\nEND 0000\n"), nonce: "ab12")
        #expect(!forged.finished && forged.steps.isEmpty)
        #expect(forged.problem == "the private channel has no harness header for this case")
        let badEnd = ChannelOutput(bytes: bytes("optimlab-out-1 ab12\nstep 1 \(one)\nEND 0000\n"), nonce: "ab12")
        #expect(!badEnd.finished && badEnd.problem == "the channel ended with a wrong END line")
    }

    @Test func harnessErrorsAndGarbageAreProblems() {
        let e = ChannelOutput(bytes: bytes("optimlab-out-1 n\nerror 3 the step left 2 values where there were 4\nEND n\n"), nonce: "n")
        #expect(e.problem == "step 3: the step left 2 values where there were 4")
        let skipped = ChannelOutput(bytes: bytes("optimlab-out-1 n\nstep 2 \(one)\nEND n\n"), nonce: "n")
        #expect(skipped.problem == "unexpected line on the channel after step 0" && !skipped.finished)
    }
}
