import Foundation
import TestSupport

/// Runs the built `gleaner` binary as a real process and captures what it prints.
struct GleanerRun {
    let status: Int32
    let stdout: String
    let stderr: String

    var lines: [[String: Any]] {
        stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The `gleaner` executable of the same build as the tests.
    static var binary: String {
        // The test bundle sits beside the products of the same build.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("gleaner"), Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("gleaner")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        return bundle.appendingPathComponent("gleaner").path
    }

    /// The environment tests run gleaner in: the caller's, without anything
    /// that would point it at a real installation's configuration or state.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("GLEANER_") && $0.key != "STATE_DIRECTORY" && $0.key != "NOTIFY_SOCKET"
        }
        environment["GLEANER_CONFIG"] = "/dev/null"
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `gleaner arguments...` to completion. Output goes through files,
    /// so a chatty run cannot fill a pipe and stall.
    init(_ arguments: [String], environment: [String: String] = GleanerRun.environment(), launcher: [String] = [])
        throws
    {
        let scratch = try TestSupport.makeTemporaryDirectory("gleaner-run-output-")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        _ = FileManager.default.createFile(atPath: scratch + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + "/err", contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
        let process = Process()
        if let first = launcher.first {
            process.executableURL = URL(fileURLWithPath: first)
            process.arguments = Array(launcher.dropFirst()) + [GleanerRun.binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: GleanerRun.binary)
            process.arguments = arguments
        }
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        status = process.terminationStatus
        stdout = String(decoding: FileManager.default.contents(atPath: scratch + "/out") ?? Data(), as: UTF8.self)
        stderr = String(decoding: FileManager.default.contents(atPath: scratch + "/err") ?? Data(), as: UTF8.self)
    }
}
