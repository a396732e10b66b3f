import IndexerStore

/// The proto3 wire format, write-only, for the handful of field types SCIP uses: varints, strings,
/// nested messages and packed `repeated int32`. A message is built into its own buffer and embedded
/// whole (length-prefixed), which is how protobuf nests; the top level (`Index`) is streamed field by
/// field instead, so only one document is ever in memory.
struct ProtobufWriter {
  private var out = ByteWriter()
  var bytes: [UInt8] { out.bytes }

  private enum WireType: UInt64 {
    case varint = 0
    case lengthDelimited = 2
  }

  private mutating func tag(_ field: Int, _ type: WireType) {
    varint(UInt64(field) << 3 | type.rawValue)
  }

  private mutating func varint(_ value: UInt64) {
    out.varint(value)
  }

  /// An `int32`/enum field; proto3 leaves zero (the default) off the wire. Negative values take ten bytes,
  /// as the format says (sign-extended to 64 bits).
  mutating func int32(_ field: Int, _ value: Int32) {
    guard value != 0 else { return }
    tag(field, .varint)
    varint(UInt64(bitPattern: Int64(value)))
  }

  /// A `string` field; the empty string is the default and left off.
  mutating func string(_ field: Int, _ value: String) {
    guard !value.isEmpty else { return }
    tag(field, .lengthDelimited)
    out.string(value)
  }

  /// A `repeated string` element (written even when empty: each element counts).
  mutating func repeatedString(_ field: Int, _ value: String) {
    tag(field, .lengthDelimited)
    out.string(value)
  }

  /// An embedded message (or one element of a repeated message field).
  mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
    var inner = ProtobufWriter()
    build(&inner)
    tag(field, .lengthDelimited)
    out.blob(inner.bytes)
  }

  /// A packed `repeated int32` (proto3's default encoding for repeated scalars).
  mutating func packedInt32(_ field: Int, _ values: [Int32]) {
    guard !values.isEmpty else { return }
    var inner = ByteWriter()
    for value in values { inner.varint(UInt64(bitPattern: Int64(value))) }
    tag(field, .lengthDelimited)
    out.blob(inner.bytes)
  }
}
