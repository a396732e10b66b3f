import Foundation
import IndexerModel

/// The walk's notes as one `meta` value (JSON): a few rows at most, replaced whole when they change.
package enum WalkNotes {
  package static let key = "walk_notes"

  package static func encode(_ notes: [PathNote]) -> String {
    guard let data = try? JSONEncoder().encode(notes) else { return "[]" }
    return String(decoding: data, as: UTF8.self)
  }

  /// The stored notes; a value this build cannot read counts as none (the next walk writes it again).
  package static func decode(_ text: String?) -> [PathNote] {
    guard let text, let notes = try? JSONDecoder().decode([PathNote].self, from: Data(text.utf8)) else { return [] }
    return notes
  }
}
