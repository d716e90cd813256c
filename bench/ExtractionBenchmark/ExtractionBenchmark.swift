import ArticleExtraction
import ArticleFile

#if canImport(Glibc)
    import Glibc
#endif

/// Measures the extraction core: words per second over a directory of
/// articles, single thread, after a warm-up, file reading excluded; the
/// time the gazetteers take to load; and the process's peak memory.
///
/// Usage: gleaner-bench DIR [--rounds N]
@main
enum ExtractionBenchmark {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            print("usage: gleaner-bench DIR [--rounds N]")
            exit(64)
        }
        var rounds = 20
        if let r = arguments.firstIndex(of: "--rounds"), r + 1 < arguments.count, let n = Int(arguments[r + 1]) {
            rounds = n
        }
        let reader = ArticleFileReader()
        let files: [String]
        do {
            files = try ArticleDirectory.articleFiles(in: arguments[1])
        } catch {
            print("gleaner-bench: \(error)")
            exit(74)
        }
        let articles: [[UInt8]] = files.compactMap { try? reader.read(path: $0).bytes }

        let loadStart = now()
        let extractor = ArticleExtractor()
        _ = try? extractor.extract(Array(" date 2020-01-01 Warm-up sentence, not timed.".utf8))
        let loadSeconds = now() - loadStart

        var words = 0
        var entities = 0
        for bytes in articles {  // warm-up round, and the word count
            if let article = try? extractor.extract(bytes) {
                words += article.words
                entities += article.entities.count
            }
        }
        var best = Double.infinity
        var total = 0.0
        for _ in 0..<rounds {
            let start = now()
            for bytes in articles { _ = try? extractor.extract(bytes) }
            let seconds = now() - start
            best = min(best, seconds)
            total += seconds
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let mean = total / Double(rounds)
        print("articles \(articles.count), words \(words) (whitespace tokens of bodies), entities \(entities)")
        print("gazetteer load and first extraction: \(format(loadSeconds * 1000, 1)) ms")
        print("rounds \(rounds): mean \(format(mean * 1000, 2)) ms, best \(format(best * 1000, 2)) ms per pass")
        print("words/s mean: \(Int(Double(words) / mean))")
        print("words/s best: \(Int(Double(words) / best))")
        print("peak memory (maxrss): \(usage.ru_maxrss / 1024) MiB")
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return String(rounded)
    }
}
