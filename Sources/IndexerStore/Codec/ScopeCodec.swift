import IndexerModel

/// The compact form of a file's scopes, bindings, imports and member uses, stored zstd-compressed in
/// `file_blob.scopes`. Only resolution reads it, so it has a blob of its own: a name search never pays for it.
///
/// Layout (version 1): version byte; scopes (count, then kind, start line delta and column, end line delta
/// and column, parent + 1, symbol + 1, bases); bindings (count, then name, scope, zigzag line delta,
/// column, kind, type name, visible line delta and column); imports (count, then local name, module, imported name, line, column, scope);
/// a table of member receivers; members (count, then line delta, column, receiver index), in source order; module uses (count, then
/// line, column, module); keyword arguments (count, then line, column, callee, callee line and column).
/// Version 2 adds each binding's labels after its visible column, and calls (count, then line delta, column,
/// labels) at the end, and writes a keyword argument's lines as deltas (from the previous one, and the
/// callee's from its own); version 1 blobs still decode, without labels and calls. Version 3 writes the
/// visible line delta zigzag (a hoisted JavaScript declaration is seen from before where it stands) and a
/// byte after each import saying whether it is an export.
/// Decoding checks every count, index and kind: a damaged blob throws, it never traps.
package enum ScopeCodec {
  static let version: UInt8 = 3

  package static func encode(_ scopes: FileScopes) -> [UInt8] {
    var w = ByteWriter()
    w.byte(version)
    w.varint(scopes.scopes.count)
    var line = 0
    for scope in scopes.scopes {
      w.byte(scope.kind.rawValue)
      w.zigzag(scope.range.start.line - line)
      w.varint(scope.range.start.column)
      w.varint(scope.range.end.line - scope.range.start.line)
      w.varint(scope.range.end.column)
      w.varint(scope.parent + 1)
      w.varint(scope.symbol + 1)
      w.varint(scope.bases.count)
      for base in scope.bases { w.string(base) }
      line = scope.range.start.line
    }
    w.varint(scopes.bindings.count)
    line = 0
    for binding in scopes.bindings {
      w.string(binding.name)
      w.varint(binding.scope)
      w.zigzag(binding.position.line - line)
      w.varint(binding.position.column)
      w.byte(binding.kind.rawValue)
      w.string(binding.typeName)
      w.zigzag(binding.visible.line - binding.position.line)
      w.varint(binding.visible.column)
      w.string(binding.labels)
      line = binding.position.line
    }
    w.varint(scopes.imports.count)
    for i in scopes.imports {
      w.string(i.localName)
      w.string(i.module)
      w.string(i.importedName)
      w.varint(i.position.line)
      w.varint(i.position.column)
      w.varint(i.scope)
      w.byte(i.isExport ? 1 : 0)
    }
    var receivers: [String] = []
    var receiverIndex: [String: Int] = [:]
    for m in scopes.members where receiverIndex[m.receiver] == nil {
      receiverIndex[m.receiver] = receivers.count
      receivers.append(m.receiver)
    }
    w.varint(receivers.count)
    for r in receivers { w.string(r) }
    w.varint(scopes.members.count)
    line = 0
    for m in scopes.members {
      w.zigzag(m.position.line - line)
      w.varint(m.position.column)
      w.varint(receiverIndex[m.receiver] ?? 0)
      line = m.position.line
    }
    w.varint(scopes.moduleUses.count)
    for use in scopes.moduleUses {
      w.varint(use.position.line)
      w.varint(use.position.column)
      w.string(use.module)
    }
    w.varint(scopes.keywordArguments.count)
    line = 0
    for k in scopes.keywordArguments {
      w.zigzag(k.position.line - line)
      w.varint(k.position.column)
      w.string(k.callee)
      w.zigzag(k.calleePosition.line - k.position.line)
      w.varint(k.calleePosition.column)
      line = k.position.line
    }
    w.varint(scopes.calls.count)
    line = 0
    for call in scopes.calls {
      w.zigzag(call.position.line - line)
      w.varint(call.position.column)
      w.string(call.labels)
      line = call.position.line
    }
    return w.bytes
  }

  package static func decode(_ bytes: [UInt8]) throws(OutlineDecodingError) -> FileScopes {
    var r = ByteReader(bytes)
    let blobVersion = try r.byte()
    guard blobVersion >= 1 && blobVersion <= version else { throw OutlineDecodingError() }
    var result = FileScopes()
    let scopeCount = try count(&r, bytes)
    result.scopes.reserveCapacity(scopeCount)
    var line = 0
    for i in 0..<scopeCount {
      guard let kind = FileScopes.ScopeKind(rawValue: try r.byte()) else { throw OutlineDecodingError() }
      line = try ByteReader.adding(line, try r.zigzag())
      let column = try r.int()
      let endLine = try ByteReader.adding(line, try r.int())
      let endColumn = try r.int()
      let parent = try r.int() - 1
      let symbol = try r.int() - 1
      // Pre-order: a parent comes first; only the file scope has none.
      guard parent < i, parent >= 0 || i == 0 else { throw OutlineDecodingError() }
      let baseCount = try count(&r, bytes)
      var bases: [String] = []
      for _ in 0..<baseCount { bases.append(try r.string()) }
      result.scopes.append(
        FileScopes.Scope(
          kind: kind,
          range: SourceRange(start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn)),
          parent: parent, symbol: symbol, bases: bases))
    }
    let bindingCount = try count(&r, bytes)
    result.bindings.reserveCapacity(bindingCount)
    line = 0
    for _ in 0..<bindingCount {
      let name = try r.string()
      let scope = try r.int()
      guard scope < scopeCount else { throw OutlineDecodingError() }
      line = try ByteReader.adding(line, try r.zigzag())
      let column = try r.int()
      guard let kind = FileScopes.BindingKind(rawValue: try r.byte()) else { throw OutlineDecodingError() }
      let typeName = try r.string()
      let visibleLine = try ByteReader.adding(line, blobVersion >= 3 ? try r.zigzag() : try r.int())
      let visibleColumn = try r.int()
      let labels = blobVersion >= 2 ? try r.string() : ""
      result.bindings.append(
        FileScopes.Binding(
          name: name, scope: scope, position: SourcePosition(line: line, column: column), kind: kind, typeName: typeName,
          visible: SourcePosition(line: visibleLine, column: visibleColumn), labels: labels))
    }
    let importCount = try count(&r, bytes)
    for _ in 0..<importCount { result.imports.append(try readImport(&r, version: blobVersion, scopeCount: scopeCount)) }
    let receiverCount = try count(&r, bytes)
    var receivers: [String] = []
    for _ in 0..<receiverCount { receivers.append(try r.string()) }
    let memberCount = try count(&r, bytes)
    result.members.reserveCapacity(memberCount)
    line = 0
    for _ in 0..<memberCount {
      line = try ByteReader.adding(line, try r.zigzag())
      let column = try r.int()
      let receiver = try r.int()
      guard receiver < receivers.count else { throw OutlineDecodingError() }
      result.members.append(FileScopes.Member(position: SourcePosition(line: line, column: column), receiver: receivers[receiver]))
    }
    let moduleUseCount = try count(&r, bytes)
    for _ in 0..<moduleUseCount {
      let position = SourcePosition(line: try r.int(), column: try r.int())
      result.moduleUses.append(FileScopes.ModuleUse(position: position, module: try r.string()))
    }
    let keywordCount = try count(&r, bytes)
    line = 0
    for _ in 0..<keywordCount {
      let position: SourcePosition
      let callee: String
      let calleePosition: SourcePosition
      if blobVersion >= 2 {
        line = try ByteReader.adding(line, try r.zigzag())
        position = SourcePosition(line: line, column: try r.int())
        callee = try r.string()
        calleePosition = SourcePosition(line: try ByteReader.adding(line, try r.zigzag()), column: try r.int())
      } else {
        position = SourcePosition(line: try r.int(), column: try r.int())
        callee = try r.string()
        calleePosition = SourcePosition(line: try r.int(), column: try r.int())
      }
      result.keywordArguments.append(FileScopes.KeywordArgument(position: position, callee: callee, calleePosition: calleePosition))
    }
    guard blobVersion >= 2 else { return result }
    let callCount = try count(&r, bytes)
    line = 0
    for _ in 0..<callCount {
      line = try ByteReader.adding(line, try r.zigzag())
      let column = try r.int()
      result.calls.append(FileScopes.Call(position: SourcePosition(line: line, column: column), labels: try r.string()))
    }
    return result
  }

  /// Only the imports, stepping over the scopes and bindings before them without making their strings: C's
  /// include lists are read from thousands of files by one references request, and only those.
  package static func imports(_ bytes: [UInt8]) throws(OutlineDecodingError) -> [FileScopes.Import] {
    var r = ByteReader(bytes)
    let blobVersion = try r.byte()
    guard blobVersion >= 1 && blobVersion <= version else { throw OutlineDecodingError() }
    let scopeCount = try count(&r, bytes)
    for _ in 0..<scopeCount {
      _ = try r.byte()
      try r.skipVarints(6)
      let baseCount = try count(&r, bytes)
      for _ in 0..<baseCount { _ = try r.span() }
    }
    let bindingCount = try count(&r, bytes)
    for _ in 0..<bindingCount {
      _ = try r.span()
      try r.skipVarints(3)
      _ = try r.byte()
      _ = try r.span()
      try r.skipVarints(2)
      if blobVersion >= 2 { _ = try r.span() }
    }
    let importCount = try count(&r, bytes)
    var result: [FileScopes.Import] = []
    result.reserveCapacity(importCount)
    for _ in 0..<importCount { result.append(try readImport(&r, version: blobVersion, scopeCount: scopeCount)) }
    return result
  }

  private static func readImport(_ r: inout ByteReader, version: UInt8, scopeCount: Int) throws(OutlineDecodingError) -> FileScopes.Import {
    let local = try r.string()
    let module = try r.string()
    let imported = try r.string()
    let position = SourcePosition(line: try r.int(), column: try r.int())
    let scope = try r.int()
    guard scope < scopeCount else { throw OutlineDecodingError() }
    var entry = FileScopes.Import(localName: local, module: module, importedName: imported, position: position, scope: scope)
    entry.isExport = version >= 3 ? try r.byte() != 0 : false
    return entry
  }

  /// A count no larger than the blob could hold, so a damaged one cannot ask for a huge allocation.
  private static func count(_ r: inout ByteReader, _ bytes: [UInt8]) throws(OutlineDecodingError) -> Int {
    let n = try r.int()
    guard n <= bytes.count else { throw OutlineDecodingError() }
    return n
  }
}
