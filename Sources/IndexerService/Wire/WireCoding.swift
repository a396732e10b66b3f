import Foundation

/// Lines on the socket: one JSON value per line each way, written and read only as `WireRequest` and `WireReply`.
package enum WireCoding {
  package static let requestLimit = 64 * 1024

  /// The value as one line; a value that cannot be encoded becomes an error reply, never a half line.
  package static func line(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return #"{"error":"unencodable reply","ok":false}"# + "\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The line as a `T`, or why it is not one (in one line).
  package static func decode<T: Decodable>(_ type: T.Type, from line: String) -> Result<T, DecodeFailure> {
    do {
      return .success(try JSONDecoder().decode(T.self, from: Data(line.utf8)))
    } catch let DecodingError.dataCorrupted(context) {
      return .failure(DecodeFailure(message: context.debugDescription))
    } catch let DecodingError.keyNotFound(key, _) {
      return .failure(DecodeFailure(message: "missing \"\(key.stringValue)\""))
    } catch let DecodingError.typeMismatch(_, context) {
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return .failure(DecodeFailure(message: path.isEmpty ? "expected a JSON object" : "wrong type for \"\(path)\""))
    } catch {
      return .failure(DecodeFailure(message: "not JSON"))
    }
  }

  package struct DecodeFailure: Error, Sendable {
    package var message: String
  }
}
