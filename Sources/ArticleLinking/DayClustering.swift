import ArticleExtraction

#if canImport(Glibc)
    import Glibc
#endif

/// Groups a whole day's articles into stories at once, so that the grouping
/// does not depend on the order the articles came in.
///
/// Each article is a vector of its terms (its content words, its word pairs
/// and the canonical entities it names, with counts), weighted by how rare
/// each term is in the day (TF-IDF: `(1 + ln count) * ln((N + 1) / df)`,
/// times the term's own weight) and scaled to unit length. A pair's cosine
/// counts for less when the two share few of their nearest articles (shared
/// nearest neighbours), so a busy topic's different stories stay apart.
/// Stories are formed by average-link agglomeration: the two
/// groups whose articles are most alike on average are joined, again and
/// again, until no two are alike at ``threshold`` or more; an article left
/// alone then joins the story of its nearest article when that one is near
/// and clearly nearer than any other story's. Only articles that
/// share a term of moderate rarity are compared, so a day of ten thousand
/// articles costs seconds, not hours.
public struct DayClustering: Sendable {
    /// Average similarity (cosine, damped by ``sharedNeighbourExponent``)
    /// from which two groups are one story. Chosen on
    /// `bench/stories.gold.json`, with word pairs weighted by ``pairWeight``:
    /// from 0.08 to 0.10 the grouping scores within 0.01 of its best, at 0.11
    /// 0.02 under it.
    public static let threshold: Float = 0.10
    /// The weight of a word pair ("hume_highway") beside a single word's: a
    /// pair is rarer, so at full weight the day's pairs would outweigh its words.
    public static let pairWeight: Float = 0.5
    /// How much a pair's similarity counts for the neighbours the two share:
    /// it is multiplied by (shared / the smaller neighbourhood's size) to this
    /// power, where a neighbourhood is an article with its (up to)
    /// ``nearestNeighbours`` nearest. Two articles of one story are near the
    /// same others; two of a busy topic's different stories (two Tests of one
    /// series, two days of one war) are each near their own. Two articles near
    /// only each other share all they have. A quarter power damps only pairs
    /// that share few neighbours; the threshold stays where it was.
    public static let sharedNeighbourExponent: Float = 0.25
    /// Pair similarities under this are taken as zero.
    public static let smallestSimilarity: Float = 0.02
    /// A lone article joins the story of its nearest article when that one is
    /// at least this similar (damped, as above): average link asks a lone
    /// follow-up to be near a busy story's every angle, where an editor files
    /// it under the one report it follows.
    public static let loneArticleThreshold: Float = 0.12
    /// ... and when that story's nearest is this many times as near as any other story's.
    public static let loneArticleMargin: Float = 1.5
    /// How many of its most similar articles each article is linked to: a
    /// story's articles are each other's nearest, and a busy day of articles
    /// that share words costs memory in proportion to the day, not its square.
    public static let nearestNeighbours = 20

    /// The articles, in the order added.
    public private(set) var ids: [Int64] = []
    /// Every article's terms as one flat list; article `i` owns `starts[i]..<starts[i + 1]`.
    private var terms: [Int32] = []
    private var counts: [UInt8] = []
    /// Per term: its weight beside the others'.
    private var termWeights: [Float] = []
    private var starts: [Int32] = [0]
    /// Term numbers by a 64-bit hash of the term: a busy day has hundreds of
    /// thousands of distinct word pairs, and keeping their strings would
    /// cost more memory than the rest of the grouping.
    private var index: [UInt64: Int32] = [:]

    /// A builder for about `articles` articles of about `termsPerArticle`
    /// terms each, its storage made once at that size rather than grown by doubling.
    public init(articles: Int = 0, termsPerArticle: Int = 0) {
        ids.reserveCapacity(articles)
        starts.reserveCapacity(articles + 1)
        terms.reserveCapacity(articles * termsPerArticle)
        counts.reserveCapacity(articles * termsPerArticle)
    }

    /// Starts article `id`, unless it is the last one started: an article
    /// with no terms (an empty body) is still a story of its own.
    public mutating func start(article id: Int64) {
        if ids.last != id {
            ids.append(id)
            starts.append(starts.last!)
        }
    }

    /// Adds `count` uses of `term` (a word, a word pair, or an entity as
    /// "@" and its canonical key) to article `id`, started if it is not the last one; each term
    /// once per article. A term's `weight` is the one it was first added with.
    public mutating func add(article id: Int64, term: some StringProtocol, count: Int, weight: Float = 1) {
        start(article: id)
        let hash = term.utf8.reduce(WordKeys.offset, WordKeys.mix)  // FNV-1a over the exact bytes
        let known: Int32
        if let found = index[hash] {
            known = found
        } else {
            known = Int32(index.count)
            index[hash] = known
            termWeights.append(weight)
        }
        terms.append(known)
        counts.append(UInt8(clamping: count))
        starts[starts.count - 1] += 1
    }

    /// The day's stories, each a list of article ids in the order added;
    /// stories in the order of their first article.
    /// Takes the terms added (the builder is empty of them after).
    public mutating func stories() -> [[Int64]] {
        let n = ids.count
        guard n > 1 else { return ids.map { [$0] } }
        let termCount = index.count
        let vectors = takeWeightedVectors()
        var groups = Agglomeration(size: n)
        let (pairs, nearest) = nearestPairs(vectors, termCount: termCount)
        let neighbourhoods = Self.neighbourhoods(nearest, articles: n)
        let k = Self.nearestNeighbours
        var damped = pairs
        for index in damped.indices {
            let pair = damped[index]
            let (shared, smaller) = Self.sharedCount(neighbourhoods, Int(pair.a), Int(pair.b), width: k + 1)
            damped[index].similarity *= powf(Float(shared) / Float(max(1, smaller)), Self.sharedNeighbourExponent)
            groups.addEdge(pair.a, pair.b, damped[index].similarity)
        }
        var root = groups.merge(atLeast: Self.threshold)
        Self.attachLoneArticles(&root, damped)
        var byRoot: [Int32: Int] = [:]
        var result: [[Int64]] = []
        for article in 0..<n {
            if let at = byRoot[root[article]] {
                result[at].append(ids[article])
            } else {
                byRoot[root[article]] = result.count
                result.append([ids[article]])
            }
        }
        return result
    }

    /// Moves each article left alone into the story of its nearest article,
    /// when that one is near enough and clearly nearer than any other story's
    /// (``loneArticleThreshold``, ``loneArticleMargin``). Decided on the
    /// stories as merged, so the order of the lone articles does not matter.
    private static func attachLoneArticles(_ root: inout [Int32], _ pairs: [(a: Int32, b: Int32, similarity: Float)]) {
        var sizes = [Int32](repeating: 0, count: root.count)
        for r in root { sizes[Int(r)] += 1 }
        // Per lone article: the best and second-best story by nearest member.
        var best = [(story: Int32, similarity: Float)](repeating: (-1, 0), count: root.count)
        var second = [Float](repeating: 0, count: root.count)
        func offer(_ lone: Int32, _ other: Int32, _ similarity: Float) {
            let story = root[Int(other)]
            let i = Int(lone)
            if best[i].story == story {
                best[i].similarity = max(best[i].similarity, similarity)
            } else if similarity > best[i].similarity {
                second[i] = max(second[i], best[i].similarity)
                best[i] = (story, similarity)
            } else {
                second[i] = max(second[i], similarity)
            }
        }
        for pair in pairs {
            if sizes[Int(root[Int(pair.a)])] == 1 { offer(pair.a, pair.b, pair.similarity) }
            if sizes[Int(root[Int(pair.b)])] == 1 { offer(pair.b, pair.a, pair.similarity) }
        }
        let original = root
        for i in root.indices where sizes[Int(original[i])] == 1 {
            let (story, similarity) = best[i]
            if story >= 0, similarity >= loneArticleThreshold, similarity >= loneArticleMargin * second[i],
                sizes[Int(story)] > 1
            {
                root[i] = story
            }
        }
    }

    /// Each article with its nearest, sorted, in slots of ``nearestNeighbours``
    /// + 1 (-1 where it has fewer): a neighbourhood.
    private static func neighbourhoods(_ nearest: [Int32], articles n: Int) -> [Int32] {
        let k = nearestNeighbours
        var result = [Int32](repeating: -1, count: n * (k + 1))
        for a in 0..<n {
            let base = a * (k + 1)
            result[base] = Int32(a)
            for slot in 0..<k { result[base + 1 + slot] = nearest[a * k + slot] }
            result[base..<(base + k + 1)].sort()
        }
        return result
    }

    /// How many articles the neighbourhoods of `a` and `b` share, and the size
    /// of the smaller one. A neighbourhood's empty slots (-1) sort first, and
    /// the article itself is always in it.
    private static func sharedCount(_ hoods: [Int32], _ a: Int, _ b: Int, width: Int) -> (shared: Int, smaller: Int) {
        var i = a * width, j = b * width
        let iEnd = i + width, jEnd = j + width
        while hoods[i] < 0 { i += 1 }
        while hoods[j] < 0 { j += 1 }
        let smaller = min(iEnd - i, jEnd - j)
        var shared = 0
        while i < iEnd, j < jEnd {
            if hoods[i] == hoods[j] {
                shared += 1
                i += 1
                j += 1
            } else if hoods[i] < hoods[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return (shared, smaller)
    }

    /// Per article, the terms worth comparing by with their TF-IDF weights,
    /// scaled so that the article's vector over all its terms has unit length;
    /// flat, in the layout of ``terms``. Takes the terms added: they are
    /// compacted in place, and the weights are the one array of their size
    /// made, so a day of ten thousand articles holds its terms about once.
    private mutating func takeWeightedVectors() -> (terms: [Int32], weights: [Float], starts: [Int32]) {
        var frequency = [Int32](repeating: 0, count: index.count)
        for term in terms { frequency[Int(term)] += 1 }
        index = [:]
        let n = Double(ids.count)
        // A term in a large share of the day tells few articles apart, and comparing by it costs the square of its count.
        let postingLimit = Int32(max(50, ids.count / 20))
        var kept = 0
        var weights = [Float](repeating: 0, count: terms.count)
        var keptStarts: [Int32] = [0]
        keptStarts.reserveCapacity(ids.count + 1)
        for article in ids.indices {
            let range = Int(starts[article])..<Int(starts[article + 1])
            var norm = 0.0
            let first = kept
            for k in range where counts[k] > 0 {
                let df = frequency[Int(terms[k])]
                let weight = (1 + log(Double(counts[k]))) * log((n + 1) / Double(df)) * Double(termWeights[Int(terms[k])])
                norm += weight * weight
                if df >= 2, df <= postingLimit {
                    terms[kept] = terms[k]
                    weights[kept] = Float(weight)
                    kept += 1
                }
            }
            let length = Float(norm.squareRoot())
            if length > 0 {
                for k in first..<kept { weights[k] /= length }
            }
            keptStarts.append(Int32(kept))
        }
        counts = []
        termWeights = []
        var keptTerms: [Int32] = []
        swap(&keptTerms, &terms)
        keptTerms.removeLast(keptTerms.count - kept)
        weights.removeLast(weights.count - kept)
        return (keptTerms, weights, keptStarts)
    }

    /// For each article, its ``nearestNeighbours`` most similar articles at
    /// ``smallestSimilarity`` or more, by cosine over the terms they share;
    /// each pair once, lower index first.
    private func nearestPairs(_ v: (terms: [Int32], weights: [Float], starts: [Int32]), termCount: Int)
        -> (pairs: [(a: Int32, b: Int32, similarity: Float)], nearest: [Int32])
    {
        let n = ids.count
        // Postings by counting sort: term to (article, weight).
        var postingStarts = [Int32](repeating: 0, count: termCount + 1)
        for term in v.terms { postingStarts[Int(term) + 1] += 1 }
        for t in 0..<termCount { postingStarts[t + 1] += postingStarts[t] }
        var fill = postingStarts
        var postingArticles = [Int32](repeating: 0, count: v.terms.count)
        var postingWeights = [Float](repeating: 0, count: v.terms.count)
        for article in 0..<n {
            for k in Int(v.starts[article])..<Int(v.starts[article + 1]) {
                let slot = Int(fill[Int(v.terms[k])])
                postingArticles[slot] = Int32(article)
                postingWeights[slot] = v.weights[k]
                fill[Int(v.terms[k])] += 1
            }
        }
        let k = Self.nearestNeighbours
        var pairs: [(a: Int32, b: Int32, similarity: Float)] = []
        pairs.reserveCapacity(n * k)  // at most that many: no copy while it grows
        // Each article's nearest, by index (-1 where it has fewer): whether a pair was already given.
        var nearest = [Int32](repeating: -1, count: n * k)
        var sums = [Float](repeating: 0, count: n)
        var touched: [Int32] = []
        // The k nearest so far, the least near of them on top.
        var near = MaxHeap<Neighbour>()
        for a in 0..<n {
            for t in Int(v.starts[a])..<Int(v.starts[a + 1]) {
                let term = Int(v.terms[t])
                let weight = v.weights[t]
                for p in Int(postingStarts[term])..<Int(postingStarts[term + 1]) {
                    let b = Int(postingArticles[p])
                    guard b != a else { continue }
                    if sums[b] == 0 { touched.append(Int32(b)) }
                    sums[b] += weight * postingWeights[p]
                }
            }
            for b in touched {
                let similarity = sums[Int(b)]
                sums[Int(b)] = 0
                guard similarity >= Self.smallestSimilarity else { continue }
                let neighbour = Neighbour(article: b, similarity: similarity)
                if near.count < k {
                    near.push(neighbour)
                } else if neighbour < near.top! {
                    near.replaceTop(with: neighbour)
                }
            }
            touched.removeAll(keepingCapacity: true)
            for (slot, neighbour) in near.elements.enumerated() {
                let (b, similarity) = (neighbour.article, neighbour.similarity)
                nearest[a * k + slot] = b
                // A pair each names the other's nearest is given once, by the first of the two.
                if b > Int32(a) {
                    pairs.append((Int32(a), b, similarity))
                } else if !nearest[Int(b) * k..<Int(b) * k + k].contains(Int32(a)) {
                    pairs.append((b, Int32(a), similarity))
                }
            }
            near.removeAll()
        }
        return (pairs, nearest)
    }
}

/// An article near another, ordered so that the less near is the larger:
/// a ``MaxHeap`` of them keeps the least near on top. Ties go to the lower index.
struct Neighbour: Comparable {
    var article: Int32
    var similarity: Float

    static func < (x: Neighbour, y: Neighbour) -> Bool {
        x.similarity != y.similarity ? x.similarity > y.similarity : x.article < y.article
    }
}

/// Average-link agglomeration over a sparse similarity graph: a pair with no
/// edge has similarity zero. Groups are joined best first, deterministically
/// (ties go to the lower indices).
struct Agglomeration {
    /// Per group: its members' count.
    private var sizes: [Int32]
    /// Per group: the neighbouring groups with the summed similarity of their
    /// members' pairs, sorted by group.
    private var neighbours: [[(group: Int32, sum: Float)]]
    /// Per group: the group it was joined into, or itself.
    private var parent: [Int32]
    /// Per group: bumped each time it changes, so stale candidates are skipped.
    private var versions: [Int32]

    init(size: Int) {
        sizes = [Int32](repeating: 1, count: size)
        neighbours = [[(group: Int32, sum: Float)]](repeating: [], count: size)
        parent = (0..<size).map { Int32($0) }
        versions = [Int32](repeating: 0, count: size)
    }

    /// Adds the edge a–b; each edge once, in any order (lists are sorted before merging).
    mutating func addEdge(_ a: Int32, _ b: Int32, _ similarity: Float) {
        neighbours[Int(a)].append((b, similarity))
        neighbours[Int(b)].append((a, similarity))
    }

    private struct Candidate: Comparable {
        var average: Float
        var a: Int32, b: Int32
        var versionA: Int32, versionB: Int32
        static func < (x: Candidate, y: Candidate) -> Bool {
            x.average != y.average ? x.average < y.average : (x.a, x.b) > (y.a, y.b)
        }
    }

    /// Joins groups while the best average similarity is at least `threshold`;
    /// returns each member's final group.
    mutating func merge(atLeast threshold: Float) -> [Int32] {
        for g in neighbours.indices { neighbours[g].sort { $0.group < $1.group } }
        var heap = MaxHeap<Candidate>()
        func push(_ a: Int32, _ b: Int32, _ sum: Float) {
            let (x, y) = a < b ? (a, b) : (b, a)
            let average = sum / (Float(sizes[Int(x)]) * Float(sizes[Int(y)]))
            if average >= threshold {
                heap.push(Candidate(average: average, a: x, b: y, versionA: versions[Int(x)], versionB: versions[Int(y)]))
            }
        }
        for a in neighbours.indices {
            for (b, sum) in neighbours[a] where Int(b) > a { push(Int32(a), b, sum) }
        }
        while let best = heap.pop() {
            let a = Int(best.a), b = Int(best.b)
            guard parent[a] == best.a, parent[b] == best.b, versions[a] == best.versionA, versions[b] == best.versionB
            else { continue }
            // The group with more neighbours absorbs the other.
            let (keep, gone) = neighbours[a].count >= neighbours[b].count ? (a, b) : (b, a)
            parent[gone] = Int32(keep)
            sizes[keep] += sizes[gone]
            let moved = neighbours[gone]
            neighbours[gone] = []
            neighbours[keep] = Self.joined(neighbours[keep], moved, without: Int32(keep), Int32(gone))
            for (other, _) in moved where Int(other) != keep {
                // The other group's edge to `gone` becomes (part of) its edge to `keep`.
                let list = neighbours[Int(other)].filter { $0.group != Int32(gone) && $0.group != Int32(keep) }
                let sum = neighbours[keep].first { $0.group == other }?.sum ?? 0
                neighbours[Int(other)] = Self.inserted(list, (Int32(keep), sum))
            }
            versions[keep] += 1
            for (other, sum) in neighbours[keep] { push(Int32(keep), other, sum) }
        }
        return parent.indices.map { index in
            var r = index
            while Int(parent[r]) != r { r = Int(parent[r]) }
            return Int32(r)
        }
    }

    /// Two sorted neighbour lists as one, sums added, without the two groups being joined.
    private static func joined(_ x: [(group: Int32, sum: Float)], _ y: [(group: Int32, sum: Float)], without p: Int32, _ q: Int32)
        -> [(group: Int32, sum: Float)]
    {
        var result: [(group: Int32, sum: Float)] = []
        result.reserveCapacity(x.count + y.count)
        var i = 0, j = 0
        while i < x.count || j < y.count {
            let next: (group: Int32, sum: Float)
            if j >= y.count || (i < x.count && x[i].group < y[j].group) {
                next = x[i]
                i += 1
            } else if i >= x.count || y[j].group < x[i].group {
                next = y[j]
                j += 1
            } else {
                next = (x[i].group, x[i].sum + y[j].sum)
                i += 1
                j += 1
            }
            if next.group != p, next.group != q { result.append(next) }
        }
        return result
    }

    /// A sorted list with one more entry in its place.
    private static func inserted(_ list: [(group: Int32, sum: Float)], _ entry: (group: Int32, sum: Float))
        -> [(group: Int32, sum: Float)]
    {
        var list = list
        let at = list.firstIndex { $0.group > entry.group } ?? list.count
        list.insert(entry, at: at)
        return list
    }
}

/// A binary max-heap.
struct MaxHeap<Element: Comparable> {
    private var items: [Element] = []

    var count: Int { items.count }
    /// The largest element.
    var top: Element? { items.first }
    /// The elements, in no particular order.
    var elements: [Element] { items }

    mutating func push(_ item: Element) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[parent] < items[child] else { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        siftDown()
        return top
    }

    /// Puts `item` in the place of the largest element, which it must not exceed.
    mutating func replaceTop(with item: Element) {
        items[0] = item
        siftDown()
    }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    /// Moves the element at the root down to its place.
    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var largest = parent
            if left < items.count, items[largest] < items[left] { largest = left }
            if right < items.count, items[largest] < items[right] { largest = right }
            if largest == parent { return }
            items.swapAt(parent, largest)
            parent = largest
        }
    }
}
