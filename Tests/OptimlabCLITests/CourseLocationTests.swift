import Foundation
import Testing
@testable import OptimlabCLI

@Suite struct CourseLocationTests {
    @Test func optionThenEnvironment() {
        #expect(CourseLocation.lessonsDirectory(option: "/a", environment: ["OPTIMLAB_LESSONS": "/b"]) == "/a")
        #expect(CourseLocation.lessonsDirectory(option: nil, environment: ["OPTIMLAB_LESSONS": "/b"]) == "/b")
    }

    @Test func walksUpFromTheExecutable() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-loc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/pkg/lessons", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/pkg/.build/debug", withIntermediateDirectories: true)
        let found = CourseLocation.lessonsDirectory(option: nil, environment: [:], executable: root + "/pkg/.build/debug/optimlab",
                                                    currentDirectory: root)                // no lessons/ here
        #expect(CourseLocation.lessonsDirectory(option: nil, environment: [:], executable: "/nowhere/optimlab",
                                                currentDirectory: root + "/pkg") == "lessons")
        #expect(URL(fileURLWithPath: found).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: root + "/pkg/lessons").resolvingSymlinksInPath().path)
    }
}
