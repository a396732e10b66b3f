import IndexerModel

/// LSP's call and type hierarchy items (the two have one shape). `data` carries the definition's path, start and name back to the server, so
/// `incomingCalls`/`outgoingCalls` find the same definition without resolving the place again.
struct CallHierarchyItem: Codable, Hashable {
  struct Reference: Codable, Hashable {
    var path: String
    var line: Int
    var column: Int
    var name: String
  }

  var name: String
  var kind: Int
  var detail: String?
  var uri: String
  var range: TextRange
  var selectionRange: TextRange
  var data: Reference?
}

struct CallHierarchyCallsParams: Decodable {
  var item: CallHierarchyItem
}

/// A caller (`from`) and where it calls, in its own file.
struct CallHierarchyIncomingCall: Hashable {
  var from: CallHierarchyItem
  var fromRanges: [TextRange]
}

/// A callee (`to`) and where the item calls it, in the item's file.
struct CallHierarchyOutgoingCall: Hashable {
  var to: CallHierarchyItem
  var fromRanges: [TextRange]
}

extension CallHierarchyItem: ResultJSON {
  func write(to out: inout JSONBytes) {
    out.raw(#"{"name":"#)
    out.string(name)
    out.raw(#","kind":"#)
    out.int(kind)
    if let detail {
      out.raw(#","detail":"#)
      out.string(detail)
    }
    out.raw(#","uri":"#)
    out.string(uri)
    out.raw(#","range":"#)
    range.write(to: &out)
    out.raw(#","selectionRange":"#)
    selectionRange.write(to: &out)
    if let data {
      out.raw(#","data":{"path":"#)
      out.string(data.path)
      out.raw(#","line":"#)
      out.int(data.line)
      out.raw(#","column":"#)
      out.int(data.column)
      out.raw(#","name":"#)
      out.string(data.name)
      out.raw("}")
    }
    out.raw("}")
  }
}

extension CallHierarchyIncomingCall: ResultJSON {
  func write(to out: inout JSONBytes) { CallHierarchyItem.writeCall(#"{"from":"#, from, fromRanges, to: &out) }
}

extension CallHierarchyOutgoingCall: ResultJSON {
  func write(to out: inout JSONBytes) { CallHierarchyItem.writeCall(#"{"to":"#, to, fromRanges, to: &out) }
}

extension CallHierarchyItem {
  /// `{"from"|"to":ITEM,"fromRanges":[…]}`: the two call shapes differ only in the item's key.
  static func writeCall(_ opening: StaticString, _ item: CallHierarchyItem, _ ranges: [TextRange], to out: inout JSONBytes) {
    out.raw(opening)
    item.write(to: &out)
    out.raw(#","fromRanges":"#)
    out.array(ranges)
    out.raw("}")
  }
}
