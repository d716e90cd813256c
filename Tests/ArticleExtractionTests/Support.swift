import Testing

@testable import ArticleExtraction

/// Extracts an article given as text, in the seed's header form when `date` is set.
func extract(_ body: String, date: String? = "2023-02-14") throws -> ExtractedArticle {
    let text = date.map { " date \($0) " + body } ?? body
    return try ArticleExtractor().extract(Array(text.utf8))
}

func document(_ text: String) -> Document { Document(text: Array(text.utf8)) }

extension ExtractedArticle {
    func entity(_ name: String) -> Entity? { entities.first { $0.name == name } }
    func dateValues() -> Set<String> { Set(dates.map(\.value)) }
    func amountValues() -> [Double] { amounts.map(\.value) }
}
