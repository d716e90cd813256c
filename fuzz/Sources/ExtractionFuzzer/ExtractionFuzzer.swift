import ArticleExtraction
import ArticleFile
import Configuration

/// One extractor for every input, as the daemon uses it.
let extractor = ArticleExtractor()
let referenceDay = CalendarDay(year: 2024, month: 3, day: 1)

/// libFuzzer's entry point: the input is a file's bytes. They go through
/// everything a file meets: gzip inflation when they start like gzip, then
/// extraction and the contract's JSON; and, as text, the configuration parser.
/// A crash, a trap or a hang in any of them is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if GzipInflater.hasGzipMagic(bytes) {
        guard let inflated = try? GzipInflater.inflate(bytes, limit: 8 << 20) else { return 0 }
        bytes = inflated
    }
    if let article = try? extractor.extract(bytes, ingestedOn: referenceDay) {
        _ = article.jsonLine(file: "fuzz.txt", sha256: "0")
    }
    if size < 4096 {
        _ = try? ConfigurationFile.parse(String(decoding: bytes, as: UTF8.self), source: "fuzz.toml")
    }
    return 0
}
