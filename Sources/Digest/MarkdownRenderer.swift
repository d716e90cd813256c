/// Renders digests as Markdown: sections in the order a reader wants them,
/// empty sections left out, article text escaped so it cannot add markup.
public enum MarkdownRenderer {
    /// The daily digest into `sink`: the day's stories first, then who is new
    /// and rising, the lists, the quotes, the timeline, the figures and the
    /// failed files. The list of every article is ``renderArticles(_:articles:to:)``'s.
    public static func render(_ digest: DailyDigest, to sink: inout some DigestSink) throws {
        let e = TextEscaping.markdown
        var out = "# Gleaner digest, \(digest.day)\(digest.byPublished ? " (by publication date)" : "")\n\n"
        out += DigestText.storiesLine(digest) + "\n\n"
        out += DigestText.countsLine(digest) + "\n"
        if !digest.stories.isEmpty {
            out += "\n## Top stories\n"
            for (i, story) in digest.stories.enumerated() {
                out += "\n### \(i + 1). \(e(story.title))\n\n"
                var facts = [DigestText.storySize(story)]
                for (label, names) in [("People", story.people), ("Organisations", story.organizations), ("Places", story.places)]
                where !names.isEmpty {
                    facts.append("\(label): " + names.map(e).joined(separator: ", "))
                }
                if !story.dates.isEmpty { facts.append("Dates: " + story.dates.joined(separator: ", ")) }
                out += facts.joined(separator: " · ") + "\n"
                if !story.summary.isEmpty { out += "\n\(e(story.summary))\n" }
                for quote in story.quotes { out += "\n> “\(e(DigestText.clipped(quote.text)))” (\(e(quote.speaker)))\n" }
            }
        }
        if !digest.moreStories.isEmpty {
            out += "\n## More stories\n\n"
            for story in digest.moreStories { out += "- \(e(story.title)) (\(DigestText.storySize(story)))\n" }
            let rest = digest.storyCount - digest.stories.count - digest.moreStories.count
            if rest > 0 { out += "\nAnd \(DigestText.plural(rest, "smaller story", "smaller stories")).\n" }
        }
        if !digest.firstSeen.isEmpty {
            out += "\n## New today\n\n"
            out += "Seen for the first time: "
            out += digest.firstSeen.map { "\(e($0.name)) (\(DigestText.typeName($0.type)))" }.joined(separator: ", ")
            if digest.firstSeenTotal > digest.firstSeen.count { out += ", and \(digest.firstSeenTotal - digest.firstSeen.count) more" }
            out += ".\n"
        }
        if !digest.byPublished, digest.articleCount > 0 {
            out += "\n## Rising\n\n"
            if let absence = DigestText.risingAbsence(digest) {
                out += absence + "\n"
            } else {
                for entity in digest.rising {
                    out += "- **\(e(entity.name))** (\(DigestText.typeName(entity.type))): \(DigestText.risingText(entity, days: digest.earlierDays))\n"
                }
            }
        }
        for (heading, entities) in [("People", digest.people), ("Organisations", digest.organizations), ("Places", digest.places)]
        where !entities.isEmpty {
            out += "\n## \(heading)\n\n"
            for (i, entity) in entities.enumerated() {
                out += "\(i + 1). **\(e(entity.name))**: \(DigestText.plural(entity.mentions, "mention")) in "
                out += "\(DigestText.plural(entity.articles, "article"))"
                if !entity.articleTitles.isEmpty { out += " (" + entity.articleTitles.map { "_\(e($0))_" }.joined(separator: "; ") + ")" }
                out += "\n"
            }
        }
        if !digest.speakers.isEmpty {
            out += "\n## Who said what\n"
            for speaker in digest.speakers {
                out += "\n### \(e(speaker.speaker))"
                out += speaker.type.map { " (\(DigestText.typeName($0)))" } ?? ""
                out += speaker.total > speaker.quotes.count ? ", \(speaker.total) quotes\n\n" : "\n\n"
                for quote in speaker.quotes { out += "> “\(e(DigestText.clipped(quote.text)))” (_\(e(quote.title))_)\n>\n" }
                out.removeLast(2)
            }
            if digest.unattributedQuotes > 0 {
                out += "\n\n\(DigestText.plural(digest.unattributedQuotes, "quote")) without a named speaker are not shown.\n"
            }
        }
        if !digest.timeline.isEmpty {
            out += "\n## Timeline\n\n"
            for entry in digest.timeline {
                out += "- **\(entry.value)**: \(e(entry.fragment)) (_\(e(entry.title))_"
                out += entry.articles > 1 ? ", and \(entry.articles - 1) more)\n" : ")\n"
            }
        }
        if !digest.figures.isEmpty {
            out += "\n## Figures\n\n"
            for figure in digest.figures {
                out += "- **\(e(figure.text))** (\(DigestText.number(figure.value)) \(e(figure.about))): \(e(figure.fragment)) (_\(e(figure.title))_)\n"
            }
        }
        if !digest.failed.isEmpty {
            out += "\n## Failed files\n\n"
            for file in digest.failed.prefix(DigestText.failedShown) {
                out += "- \(e(file.path)): \(e(file.reason)) (stage \(e(file.stage)))"
                if let moved = file.movedTo { out += "; it is in \(e(moved)), with the reason beside it" }
                out += "\n"
            }
            if digest.failed.count > DigestText.failedShown {
                out += "- and \(digest.failed.count - DigestText.failedShown) more: `gleaner status` and `failed/` list them all\n"
            }
            out += "\nTo retry a failed file, \(DigestText.retryAdvice).\n"
        }
        if digest.articleCount > 0 {
            out += "\n---\n\nEvery article of the day, with its summary: \(digest.day)-articles.md beside this file.\n"
        }
        try sink.write(out)
    }

    /// The list of every article of the day, written as `articles` yields them.
    public static func renderArticles(_ digest: DailyDigest, articles: ArticleStream, to sink: inout some DigestSink) throws {
        let e = TextEscaping.markdown
        try sink.write("# Articles of \(digest.day)\(digest.byPublished ? " (by publication date)" : "")\n\n\(DigestText.storiesLine(digest))\n")
        var out = ""
        try articles.forEach { article in
            out += "\n## \(e(article.title))\n\n"
            var facts = [article.published ?? "no date", "file " + e(article.sourceFile)]
            if let tag = article.tag { facts.insert("tag " + e(tag), at: 1) }
            out += facts.joined(separator: " · ") + "\n\n"
            if !article.summary.isEmpty { out += e(article.summary) + "\n\n" }
            var about: [String] = []
            if !article.topEntities.isEmpty { about.append("Names: " + article.topEntities.map(e).joined(separator: ", ")) }
            if !article.keywords.isEmpty { about.append("Keywords: " + article.keywords.map(e).joined(separator: ", ")) }
            if !about.isEmpty { out += about.joined(separator: " · ") + "\n" }
            try sink.write(out)
            out = ""
        }
    }

    /// A run's receipt into `sink`, its files written as `entries` yields them.
    public static func render(_ run: RunDigest, entries: RunEntries, to sink: inout some DigestSink) throws {
        let e = TextEscaping.markdown
        var out = "# Gleaner run \(run.runID)\n\n"
        out += "Started \(run.startedAt), \(run.finishedAt.map { "finished \($0)" } ?? "did not finish") (\(run.mode)). "
        out += "\(DigestText.plural(run.counts.stored, "article")) stored, \(DigestText.plural(run.counts.duplicates, "duplicate")), "
        out += "\(DigestText.plural(run.counts.failed, "failed file"))"
        out += run.deferred > 0 ? ", \(DigestText.plural(run.deferred, "file")) left to settle.\n" : ".\n"
        try sink.write(out)
        if run.counts.stored > 0 {
            try sink.write("\n## Stored\n\n")
            try entries.forEach(outcome: "stored") {
                try sink.write("- \(e($0.title ?? "")) (article \($0.articleID ?? 0), from \(e($0.path)))\n")
            }
        }
        if run.counts.duplicates > 0 {
            try sink.write("\n## Duplicates\n\n")
            try entries.forEach(outcome: "duplicate") { try sink.write("- \(e($0.path)): \(e($0.reason ?? ""))\n") }
        }
        if run.counts.failed > 0 {
            try sink.write("\n## Failed\n\n")
            try entries.forEach(outcome: "failed") {
                try sink.write("- \(e($0.path)): \(e($0.reason ?? "")) (stage \(e($0.stage ?? "")))\n")
            }
            try sink.write("\nTo retry a failed file, \(DigestText.retryAdvice).\n")
        }
    }
}
