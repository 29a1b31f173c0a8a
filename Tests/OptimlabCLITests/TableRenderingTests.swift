import Testing
@testable import OptimlabCLI
import OptimlabCourseware

@Suite struct TableRenderingTests {
    let table = Table(columns: [Table.Column(key: "t", title: "t"), Table.Column(key: "m_hat", title: "m̂")],
                      rows: [[.number(1), .number(0.5)], [.number(10), .text("n/a")]])

    @Test func asciiWhenPlain() {
        #expect(TableRenderer.render(table, caption: "Moments", terminal: .plain) == """
            Moments
            +----+-----+
            | t  | m̂   |
            +----+-----+
            |  1 | 0.5 |
            | 10 | n/a |
            +----+-----+
            """)
    }

    @Test func boxDrawingOnAUnicodeTerminal() {
        let unicode = Terminal(isTTY: true, color: false, unicode: true, width: 80)
        #expect(TableRenderer.render(table, terminal: unicode) == """
            ┌────┬─────┐
            │ t  │ m̂   │
            ├────┼─────┤
            │  1 │ 0.5 │
            │ 10 │ n/a │
            └────┴─────┘
            """)
    }

    @Test func columnGroupsGetASpanningHeader() {
        let grouped = Table(columns: [Table.Column(key: "t", title: "t"), Table.Column(key: "g1", title: "g", group: "dense"),
                                      Table.Column(key: "g2", title: "g", group: "sparse")],
                            rows: [[.number(1), .number(1), .number(0)]])
        #expect(TableRenderer.render(grouped, terminal: .plain) == """
            +---+-------+--------+
            |   | dense | sparse |
            | t | g     | g      |
            +---+-------+--------+
            | 1 |     1 |      0 |
            +---+-------+--------+
            """)
    }

    @Test func longTextIsShortenedToFitATerminalButNotAPipe() {
        let wide = Table(columns: [Table.Column(key: "id", title: "id"), Table.Column(key: "title", title: "title")],
                         rows: [[.text("adam"), .text(String(repeating: "x", count: 40))]])
        let narrow = Terminal(isTTY: true, color: false, unicode: true, width: 30)
        let lines = TableRenderer.render(wide, terminal: narrow).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count == 30 })
        #expect(lines[3] == "│ adam │ xxxxxxxxxxxxxxxxxx… │")
        #expect(TableRenderer.render(wide, terminal: .plain).contains(String(repeating: "x", count: 40)))
    }
}
