import ArgumentParser
import ArticleExtraction
import ArticleFile

#if canImport(Glibc)
    import Glibc
#endif

/// `gleaner extract`: prints the extraction contract's JSON Lines for files and directories.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print what Gleaner finds in articles, one JSON object per line.",
        discussion: """
            Each PATH is an article file, plain or gzip-compressed (told by its magic bytes), \
            or a directory, whose files ending in .txt, .txt.gz or .gz are read in name order. \
            A file that cannot be read gets a line {"file": ..., "error": ...} and the exit \
            status is then 1; the other files go on. The format is described in \
            extraction-contract.md.
            """
    )

    @Flag(name: .long, help: "Indent the JSON for reading (one object then spans several lines).")
    var pretty = false

    @Argument(help: "Article files or directories of articles.", completion: .file())
    var paths: [String]

    func run() throws {
        let reader = ArticleFileReader()
        let extractor = ArticleExtractor()
        let today = CalendarDay(ordinal: Int(time(nil)) / 86_400)
        var failed = false
        var output = StandardOutput()
        for file in try expand(paths) {
            let line: String
            do {
                let contents = try reader.read(path: file)
                let article = try extractor.extract(contents.bytes, ingestedOn: today)
                line = article.jsonLine(file: file, sha256: contents.sha256, pretty: pretty)
            } catch let error as ArticleFileError {
                failed = true
                line = ExtractedArticle.errorLine(file: file, reason: error.reason)
                StandardError.write("gleaner: \(error.description)")
            } catch let error as ArticleExtractor.Failure {
                failed = true
                line = ExtractedArticle.errorLine(file: file, reason: error.reason)
                StandardError.write("gleaner: Unable to read '\(file)': \(error.reason).")
            }
            output.writeLine(line)
        }
        output.flush()
        if failed { throw ExitCode(1) }
    }

    /// Files stay as given; directories become their article files in name order.
    private func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            if ArticleDirectory.isDirectory(path) {
                do {
                    files += try ArticleDirectory.articleFiles(in: path)
                } catch {
                    throw ValidationError(error.description)
                }
            } else {
                files.append(path)
            }
        }
        return files
    }
}

/// Buffered writes to standard output, flushed in large blocks.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func writeLine(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        writeAll(1, buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// One line to standard error, written whole.
enum StandardError {
    static func write(_ message: String) {
        writeAll(2, Array((message + "\n").utf8))
    }
}

/// Writes all of `bytes` to `fd`, retrying `EINTR` and short writes; gives up
/// quietly if the descriptor is closed (nothing is left to tell).
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if written <= 0 {
            if written < 0 && errno == EINTR { continue }
            return
        }
        offset += written
    }
}
