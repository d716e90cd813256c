/// Renders the daily digest as one self-contained HTML file: inline CSS,
/// stories as cards, inline SVG charts and sparklines, no script and nothing
/// fetched from the network (the Content-Security-Policy forbids it). Every
/// piece of article text is escaped, so no article can add markup or script.
public enum HTMLRenderer {
    /// The daily digest into `sink`, the articles written as `articles` yields them.
    public static func render(_ digest: DailyDigest, articles: ArticleStream, to sink: inout some DigestSink) throws {
        let e = TextEscaping.html
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>Gleaner digest, \(e(digest.day))</title>
            <style>\(style)</style></head><body><main>
            <header><p class="kicker">Gleaner digest\(digest.byPublished ? " · by publication date" : "")</p>
            <h1>\(e(digest.day))</h1><p class="lede">\(e(DigestText.storiesLine(digest)))</p>
            <p class="counts">\(e(DigestText.countsLine(digest)))</p></header>

            """
        if !digest.stories.isEmpty {
            out += "<section id=\"stories\"><h2>Top stories</h2><div class=\"cards\">\n"
            for story in digest.stories {
                out += "<article class=\"card\"><h3>\(e(story.title))</h3><p class=\"n\">\(e(DigestText.storySize(story)))</p>"
                if !story.summary.isEmpty { out += "<p class=\"summary\">\(e(story.summary))</p>" }
                for (type, names) in [("person", story.people), ("organization", story.organizations), ("location", story.places)] {
                    out += names.map { "<span class=\"tag \(type)\">\(e($0))</span>" }.joined(separator: " ")
                }
                for quote in story.quotes {
                    out += "<blockquote>“\(e(DigestText.clipped(quote.text)))”<cite>\(e(quote.speaker))</cite></blockquote>"
                }
                if !story.dates.isEmpty { out += "<p class=\"n\">Dates: \(e(story.dates.joined(separator: ", ")))</p>" }
                out += "</article>\n"
            }
            out += "</div></section>\n"
        }
        if !digest.moreStories.isEmpty {
            out += "<section id=\"more-stories\"><h2>More stories</h2><ul class=\"more\">\n"
            for story in digest.moreStories {
                out += "<li>\(e(story.title)) <span class=\"n\">\(e(DigestText.storySize(story)))</span></li>\n"
            }
            out += "</ul></section>\n"
        }
        if !digest.firstSeen.isEmpty {
            out += "<section id=\"new\"><h2>New today</h2><p class=\"tags\">"
            out += digest.firstSeen.map { "<span class=\"tag \($0.type)\">\(e($0.name))</span>" }.joined(separator: " ")
            if digest.firstSeenTotal > digest.firstSeen.count { out += " <span class=\"n\">and \(digest.firstSeenTotal - digest.firstSeen.count) more</span>" }
            out += "</p></section>\n"
        }
        if !digest.byPublished, digest.articleCount > 0 {
            out += "<section id=\"rising\"><h2>Rising</h2>\n"
            if let absence = DigestText.risingAbsence(digest) {
                out += "<p class=\"n\">\(e(absence))</p>\n"
            } else {
                out += "<ul class=\"rising\">\n"
                for entity in digest.rising {
                    out += "<li>\(sparkline(entity.series, type: entity.type))<strong>\(e(entity.name))</strong> "
                    out += "<span class=\"n\">\(e(DigestText.typeName(entity.type))), \(e(DigestText.risingText(entity, days: digest.earlierDays)))</span></li>\n"
                }
                out += "</ul>\n"
            }
            out += "</section>\n"
        }
        let ranked = (digest.people + digest.organizations + digest.places).sorted {
            $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name < $1.name
        }
        if !ranked.isEmpty {
            out += "<section id=\"most-mentioned\"><h2>Most mentioned</h2>\n" + chart(Array(ranked.prefix(12))) + "</section>\n"
        }
        for (heading, entities) in [("People", digest.people), ("Organisations", digest.organizations), ("Places", digest.places)]
        where !entities.isEmpty {
            out += "<section id=\"\(heading.lowercased())\"><h2>\(heading)</h2><ol class=\"entities\">\n"
            for entity in entities {
                out += "<li><strong>\(e(entity.name))</strong> <span class=\"n\">\(DigestText.plural(entity.mentions, "mention")) in "
                out += "\(DigestText.plural(entity.articles, "article"))</span>"
                if !entity.articleTitles.isEmpty {
                    out += "<span class=\"in\">" + entity.articleTitles.map { "<cite>\(e($0))</cite>" }.joined(separator: "; ") + "</span>"
                }
                out += "</li>\n"
            }
            out += "</ol></section>\n"
        }
        if !digest.speakers.isEmpty {
            out += "<section id=\"quotes\"><h2>Who said what</h2>\n"
            for speaker in digest.speakers {
                out += "<div class=\"speaker\"><h3>\(e(speaker.speaker))"
                out += speaker.type.map { " <span class=\"n\">\(DigestText.typeName($0))</span>" } ?? ""
                out += speaker.total > speaker.quotes.count ? " <span class=\"n\">\(speaker.total) quotes</span>" : ""
                out += "</h3>\n"
                for quote in speaker.quotes { out += "<blockquote>“\(e(quote.text))”<cite>\(e(quote.title))</cite></blockquote>\n" }
                out += "</div>\n"
            }
            if digest.unattributedQuotes > 0 {
                out += "<p class=\"n\">\(DigestText.plural(digest.unattributedQuotes, "quote")) without a named speaker are not shown.</p>\n"
            }
            out += "</section>\n"
        }
        if !digest.timeline.isEmpty {
            out += "<section id=\"timeline\"><h2>Timeline</h2><dl class=\"timeline\">\n"
            for entry in digest.timeline {
                out += "<dt>\(e(entry.value))</dt><dd>\(e(entry.fragment)) <cite>\(e(entry.title))"
                out += entry.articles > 1 ? ", and \(entry.articles - 1) more" : ""
                out += "</cite></dd>\n"
            }
            out += "</dl></section>\n"
        }
        if !digest.figures.isEmpty {
            out += "<section id=\"figures\"><h2>Figures</h2><table class=\"figures\"><tbody>\n"
            for figure in digest.figures {
                out += "<tr><th>\(e(figure.text))</th><td class=\"about\">\(e(DigestText.number(figure.value))) \(e(figure.about))</td>"
                out += "<td>\(e(figure.fragment)) <cite>\(e(figure.title))</cite></td></tr>\n"
            }
            out += "</tbody></table></section>\n"
        }
        if digest.articleCount > 0 {
            out += "<section id=\"articles\"><h2>Articles</h2><details><summary>Every article of the day "
            out += "(\(DigestText.plural(digest.articleCount, "article")))</summary>\n"
            try sink.write(out)
            out = ""
            try articles.forEach { article in
                out += "<article><h3>\(e(article.title))</h3><p class=\"meta\">\(e(article.published ?? "no date"))"
                if let tag = article.tag { out += " · <span class=\"tag\">\(e(tag))</span>" }
                out += " · \(e(article.sourceFile))</p>"
                if !article.summary.isEmpty { out += "<p>\(e(article.summary))</p>" }
                if !article.topEntities.isEmpty || !article.keywords.isEmpty {
                    out += "<p class=\"n\">" + (article.topEntities + article.keywords.map { "#" + $0 }).map(e).joined(separator: " · ") + "</p>"
                }
                out += "</article>\n"
                try sink.write(out)
                out = ""
            }
            out += "</details></section>\n"
        }
        if !digest.failed.isEmpty {
            out += "<section id=\"failed\" class=\"failed\"><h2>Failed files</h2><ul>\n"
            for file in digest.failed.prefix(DigestText.failedShown) {
                out += "<li><strong>\(e(file.path))</strong>: \(e(file.reason)) <span class=\"n\">stage \(e(file.stage))"
                if let moved = file.movedTo { out += ", now in \(e(moved))" }
                out += "</span></li>\n"
            }
            if digest.failed.count > DigestText.failedShown {
                out += "<li>and \(digest.failed.count - DigestText.failedShown) more: <code>gleaner status</code> and "
                out += "<code>failed/</code> list them all</li>\n"
            }
            out += "</ul><p>To retry a failed file, \(e(DigestText.retryAdvice)).</p></section>\n"
        }
        out += "</main></body></html>\n"
        try sink.write(out)
    }

    /// A line of the last eight days' counts, today's point marked.
    static func sparkline(_ series: [Int], type: String) -> String {
        let width = 96, height = 24, top = max(1, series.max() ?? 1)
        let step = Double(width - 6) / Double(max(1, series.count - 1))
        let points = series.enumerated().map { i, n in
            (x: 3 + Double(i) * step, y: Double(height - 3) - Double(n) / Double(top) * Double(height - 6))
        }
        var svg = "<svg class=\"spark\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
        svg += "aria-label=\"articles a day over the last eight days: \(series.map(String.init).joined(separator: ", "))\">"
        svg += "<polyline class=\"\(type)\" points=\"" + points.map { "\(Int($0.x)),\(Int($0.y))" }.joined(separator: " ") + "\"/>"
        if let last = points.last { svg += "<circle class=\"\(type)\" cx=\"\(Int(last.x))\" cy=\"\(Int(last.y))\" r=\"2.5\"/>" }
        return svg + "</svg>"
    }

    /// Horizontal bars of the most mentioned entities, coloured by type.
    static func chart(_ entities: [EntityCount]) -> String {
        let e = TextEscaping.html
        let rowHeight = 26, labelWidth = 220, barWidth = 440
        let height = entities.count * rowHeight + 8
        let top = max(1, entities.map(\.mentions).max() ?? 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" role=\"img\" "
        svg += "aria-label=\"Most mentioned people, organisations and places\">\n"
        for (i, entity) in entities.enumerated() {
            let y = i * rowHeight + 4
            let width = max(2, entity.mentions * barWidth / top)
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(e(entity.name))</text>"
            svg += "<rect class=\"\(entity.type)\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 8)\" rx=\"3\"/>"
            svg += "<text class=\"v\" x=\"\(labelWidth + width + 6)\" y=\"\(y + 17)\">\(entity.mentions)</text>\n"
        }
        svg += "</svg>\n<p class=\"legend\"><span class=\"key person\"></span>person <span class=\"key organization\"></span>organisation "
        svg += "<span class=\"key location\"></span>place</p>\n"
        return svg
    }

    static let style = """
        :root{--ink:#1d232a;--muted:#5f6b76;--line:#e3e7eb;--bg:#fbfbf8;--person:#3b6fb6;--organization:#c2703d;--location:#3f8f5f}
        *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 Georgia,'DejaVu Serif',serif}
        main{max-width:860px;margin:0 auto;padding:32px 24px 64px}
        header{border-bottom:3px double var(--ink);margin-bottom:24px;padding-bottom:12px}
        .kicker{font:600 13px/1 system-ui,sans-serif;letter-spacing:.12em;text-transform:uppercase;color:var(--muted);margin:0}
        h1{font-size:40px;margin:6px 0}h2{font:700 14px/1.2 system-ui,sans-serif;letter-spacing:.1em;text-transform:uppercase;
        color:var(--muted);border-top:1px solid var(--line);padding-top:18px;margin:32px 0 12px}
        h3{font-size:19px;margin:18px 0 4px}.counts{font:15px system-ui,sans-serif;color:var(--muted);margin:0}
        .n,.meta,.legend{font:13px system-ui,sans-serif;color:var(--muted)}cite{font-style:italic;color:var(--muted)}
        .in{display:block;font-size:14px}.entities li{margin:6px 0}
        .chart{width:100%;height:auto;font:13px system-ui,sans-serif}.chart text{fill:var(--ink)}.chart .v{fill:var(--muted)}
        .person{fill:var(--person);background:var(--person)}.organization{fill:var(--organization);background:var(--organization)}
        .location{fill:var(--location);background:var(--location)}
        .key{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}
        .tag{display:inline-block;font:13px system-ui,sans-serif;padding:1px 8px;border-radius:10px;background:#eef1f4;margin:2px}
        .tags .tag.person,.card .tag.person{border-left:3px solid var(--person)}
        .tags .tag.organization,.card .tag.organization{border-left:3px solid var(--organization)}
        .tags .tag.location,.card .tag.location{border-left:3px solid var(--location)}
        .tags .tag,.card .tag{background:#eef1f4;color:var(--ink)}
        blockquote{margin:6px 0 10px;padding-left:14px;border-left:3px solid var(--line)}blockquote cite{display:block;font-size:14px}
        .timeline dt{font:600 14px system-ui,sans-serif;margin-top:8px}.timeline dd{margin:0 0 0 0}
        .figures{border-collapse:collapse;width:100%}.figures th{text-align:left;white-space:nowrap;padding:6px 12px 6px 0;vertical-align:top}
        .figures td{padding:6px 8px;border-top:1px solid var(--line);vertical-align:top}.about{white-space:nowrap;font:13px system-ui,sans-serif}
        article{border-top:1px solid var(--line);padding:4px 0 8px}article p{margin:6px 0}
        .failed li{margin:6px 0}.lede{font-size:20px;margin:8px 0 2px}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:14px}
        .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;border-top:none}
        .card h3{margin:4px 0}.card .tag{margin:2px 4px 2px 0}.more li{margin:4px 0}
        .rising{list-style:none;padding:0}.rising li{margin:6px 0;display:flex;align-items:center;gap:10px}
        .spark polyline{fill:none;stroke-width:2}.spark polyline.person{stroke:var(--person)}
        .spark polyline.organization{stroke:var(--organization)}.spark polyline.location{stroke:var(--location)}
        details summary{cursor:pointer;font:14px system-ui,sans-serif;color:var(--muted)}
        """
}
