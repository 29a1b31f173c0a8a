import Testing
@testable import OptimlabCLI

struct SliderTests {
    @Test func ladderRungsAreOneTwoThreeFive() {
        var s = Slider(field: "peak", label: "peak", value: 3e-4, scale: .ladder(1e-6...10, allowsZero: false))
        #expect(s.moved(by: 1) == 5e-4)
        #expect(s.moved(by: 2) == 1e-3)
        #expect(s.moved(by: -1) == 2e-4)
        s.value = 2.5e-4                                 // between rungs: down lands on 2e-4, up on 3e-4
        #expect(s.moved(by: -1) == 2e-4)
        #expect(s.moved(by: 1) == 3e-4)
        s.value = 10
        #expect(s.moved(by: 1) == 10)                    // the top holds
    }

    @Test func aFloorLadderGoesDownToZero() {
        let s = Slider(field: "min_lr", label: "floor", value: 1e-7, scale: .ladder(1e-7...10, allowsZero: true))
        #expect(s.moved(by: -1) == 0)
        #expect(Slider(field: "min_lr", label: "floor", value: 0, scale: .ladder(1e-7...10, allowsZero: true)).moved(by: 1) == 1e-7)
    }

    @Test func countsAndLinearStepsClampWithoutFloatNoise() {
        let c = Slider(field: "warmup_steps", label: "warmup", value: 100, scale: .count(0...2000, step: 20))
        #expect(c.moved(by: 3) == 160)
        #expect(c.moved(by: -10) == 0)
        let g = Slider(field: "gamma", label: "γ", value: 0.1, scale: .linear(0...1, step: 0.05))
        #expect(g.moved(by: 1) == 0.15)
        #expect(g.moved(by: 20) == 1)
        #expect(g.text == "0.1")
        #expect(c.fraction == 0.05)
    }

    @Test func theHandleSitsAtTheValue() {
        let t = Terminal(isTTY: true, color: false, unicode: false, width: 80)
        let s = Slider(field: "warmup_steps", label: "warmup", value: 1000, scale: .count(0...2000, step: 20))
        // 40 columns: "> " + label 6 + " " + bar 26 + " " + "1000"; half way is (26 − 1)·½ = 12.5 → cell 13.
        #expect(s.render(width: 40, labelWidth: 6, selected: true, terminal: t) == "> warmup =============O------------ 1000")
    }
}
