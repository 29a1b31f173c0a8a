import Testing
@testable import OptimlabCLI

struct KeyDecoderTests {
    let decoder = KeyDecoder()

    @Test func arrowsInBothEncodingsControlsAndText() {
        #expect(decoder.keys([0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x42, 0x1B, 0x4F, 0x43, 0x1B, 0x4F, 0x44]) == [.up, .down, .right, .left])
        #expect(decoder.keys([0x03, 0x0D, 0x20, 0x7F, 0x09]) == [.interrupt, .enter, .space, .backspace, .tab])
        #expect(decoder.keys(Array("hjkl+-".utf8)) == "hjkl+-".map { Key.character($0) })
        #expect(decoder.keys(Array("β".utf8)) == [.character("β")])
    }

    @Test func aLoneEscapeIsEscapeAndUnknownSequencesVanishWhole() {
        #expect(decoder.keys([0x1B]) == [.escape])
        #expect(decoder.keys([0x1B, 0x5B, 0x31, 0x35, 0x7E, 0x71]) == [.character("q")])     // F5 then q
        #expect(decoder.keys([0x1B, 0x5B, 0x31, 0x3B, 0x32, 0x43]) == [.right])             // shift-→
    }
}
