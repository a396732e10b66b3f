import IndexerModel

/// The compact form of a file's declaration tree, stored zstd-compressed in `file.outline`.
///
/// Layout (version 1): version byte, symbol count, then per symbol in pre-order: kind code, flags,
/// parent distance (0 = file level, else index - parent), name, zigzag line delta from the previous
/// symbol, column, end-line delta from its own line, end column, signature, and the container only
/// when it differs from the one the tree implies (flag bit 7).
package enum OutlineCodec {
  static let version: UInt8 = 1

  package static func encode(_ index: FileIndex) -> [UInt8] {
    var w = ByteWriter()
    w.byte(version)
    w.varint(index.symbols.count)
    var previousLine = 0
    var qualified: [String] = []
    qualified.reserveCapacity(index.symbols.count)
    for (i, symbol) in index.symbols.enumerated() {
      let parent = index.parents[i]
      let implied = parent >= 0 ? qualified[parent] : ""
      let explicit = symbol.container != implied
      w.byte(symbol.kind.code)
      w.byte(flags(symbol) | (explicit ? 0x80 : 0))
      w.varint(parent >= 0 ? i - parent : 0)
      w.string(symbol.name)
      w.zigzag(symbol.range.start.line - previousLine)
      w.varint(symbol.range.start.column)
      w.varint(symbol.range.end.line - symbol.range.start.line)
      w.varint(symbol.range.end.column)
      w.string(symbol.signature)
      if explicit { w.string(symbol.container) }
      previousLine = symbol.range.start.line
      qualified.append(symbol.qualifiedName(separator: index.language.scopeSeparator))
    }
    return w.bytes
  }

  /// Every symbol whole, through the same reader the references query uses (`OutlineSkeleton`).
  package static func decode(_ bytes: [UInt8], language: Language) throws(OutlineDecodingError) -> FileIndex {
    let skeleton = try OutlineSkeleton(bytes, language: language)
    var index = FileIndex(language: language)
    var qualified: [Int: String] = [:]
    for i in skeleton.entries.indices {
      index.append(skeleton.symbol(i, &qualified), parent: skeleton.entries[i].parent)
    }
    return index
  }

  /// Bit 0: static; bits 1-3: access level + 1 (0 = none written). Shared with the `symbol.flags` column.
  package static func flags(_ symbol: Symbol) -> UInt8 {
    let access = symbol.access.map { UInt8(AccessLevel.allCases.firstIndex(of: $0)! + 1) } ?? 0
    return (symbol.isStatic ? 1 : 0) | (access << 1)
  }

  package static func applyFlags(_ flags: UInt8, to symbol: inout Symbol) {
    symbol.isStatic = flags & 1 != 0
    let access = Int((flags >> 1) & 0x7)
    symbol.access = access > 0 && access <= AccessLevel.allCases.count ? AccessLevel.allCases[access - 1] : nil
  }
}

/// An outline ready to store: compressed bytes and the size before compression (for `stats`).
public struct EncodedOutline: Sendable {
  public var compressed: [UInt8]
  public var rawCount: Int

  public init(_ index: FileIndex) {
    self.init(index, compressor: nil)
  }

  package init(_ index: FileIndex, compressor: Zstd.Compressor?) {
    let raw = OutlineCodec.encode(index)
    self.compressed = compressor?.compress(raw, literals: .stored) ?? Zstd.compress(raw, literals: .stored)
    self.rawCount = raw.count
  }

  package init(compressed: [UInt8], rawCount: Int) {
    self.compressed = compressed
    self.rawCount = rawCount
  }
}
