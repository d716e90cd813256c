/// A hash map from ``WordKey`` to `Value` with open addressing.
///
/// Word keys are already well-mixed 64-bit hashes, so the table uses their
/// bits directly instead of hashing them again (Swift's `Set` and
/// `Dictionary` would run SipHash on every lookup, the hottest cost of the
/// core before this type).
struct KeyMap<Value> {
    private var slots: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 8) {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always) private static func stored(_ key: WordKey) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always) private func slot(of key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let s = slots[i]
            if s == key || s == 0 { return i }
            i = (i + 1) & mask
        }
    }

    subscript(key: WordKey) -> Value? {
        get {
            let k = Self.stored(key)
            let i = slot(of: k)
            return slots[i] == k ? values[i] : nil
        }
        set {
            let k = Self.stored(key)
            var i = slot(of: k)
            if slots[i] == 0 {
                guard let newValue else { return }
                if (count + 1) * 2 > slots.count {
                    grow()
                    i = slot(of: k)
                }
                slots[i] = k
                count += 1
                values[i] = newValue
            } else if let newValue {
                values[i] = newValue
            }
            // Removal is not needed by the core and not supported.
        }
    }

    subscript(key: WordKey, default fallback: @autoclosure () -> Value) -> Value {
        get { self[key] ?? fallback() }
        set { self[key] = newValue }
    }

    @inline(__always) func contains(_ key: WordKey) -> Bool {
        let k = Self.stored(key)
        return slots[slot(of: k)] == k
    }

    private mutating func grow() {
        let oldSlots = slots
        let oldValues = values
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
        for (i, k) in oldSlots.enumerated() where k != 0 {
            let j = slot(of: k)
            slots[j] = k
            values[j] = oldValues[i]
        }
    }
}

/// A set of ``WordKey``s, on ``KeyMap``.
struct KeySet: Sendable {
    private var map = KeyMap<Bool>()

    init() {}

    init<S: Sequence>(_ keys: S) where S.Element == WordKey {
        for key in keys { insert(key) }
    }

    mutating func insert(_ key: WordKey) { map[key] = true }
    @inline(__always) func contains(_ key: WordKey) -> Bool { map.contains(key) }
}

extension KeyMap: Sendable where Value: Sendable {}
