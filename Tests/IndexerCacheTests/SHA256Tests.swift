@testable import IndexerCache
import Testing

@Suite struct SHA256Tests {
  private func digest(_ bytes: [UInt8]) -> String {
    var hash = SHA256()
    hash.update(bytes)
    return hash.finish()
  }

  /// FIPS 180-4 / NIST examples.
  @Test func knownDigests() {
    #expect(digest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Fed in pieces of any size, including across block and padding boundaries, the digest is the same.
  @Test func piecesGiveTheSameDigest() {
    for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000] {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
      let whole = digest(bytes)
      for piece in [1, 3, 17, 64, 100] {
        var hash = SHA256()
        var offset = 0
        while offset < bytes.count {
          let end = min(bytes.count, offset + piece)
          hash.update(Array(bytes[offset..<end]))
          offset = end
        }
        #expect(hash.finish() == whole, "length \(length), pieces of \(piece)")
      }
    }
  }
}
