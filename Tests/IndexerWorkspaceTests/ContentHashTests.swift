import IndexerWorkspace
import Testing

@Suite struct ContentHashTests {
  // Reference values from the xxHash project's own test vectors (XXH64, seed 0).
  @Test func matchesReferenceVectors() {
    #expect(ContentHash.xxh64([]) == 0xEF46_DB37_51D8_E999)
    #expect(ContentHash.xxh64(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
    #expect(ContentHash.xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
    #expect(
      ContentHash.xxh64(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
  }

  @Test func longInputsUseEveryLane() {
    let a = [UInt8](repeating: 7, count: 1000)
    var b = a
    b[999] = 8
    #expect(ContentHash.xxh64(a) != ContentHash.xxh64(b))
    var c = a
    c[3] = 8
    #expect(ContentHash.xxh64(a) != ContentHash.xxh64(c))
  }
}
