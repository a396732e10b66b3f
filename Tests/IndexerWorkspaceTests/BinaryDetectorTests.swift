import IndexerWorkspace
import Testing

@Suite struct BinaryDetectorTests {
  @Test func aNulInTheFirst8KiBMeansBinary() {
    #expect([UInt8]("plain text".utf8).withUnsafeBytes { BinaryDetector.isBinary($0) } == false)
    #expect([0x41, 0x00, 0x42].withUnsafeBytes { BinaryDetector.isBinary($0) })
    var late = [UInt8](repeating: 0x41, count: 9000)
    late[8500] = 0
    #expect(late.withUnsafeBytes { BinaryDetector.isBinary($0) } == false, "only the first 8 KiB are sniffed")
    #expect([UInt8]().withUnsafeBytes { BinaryDetector.isBinary($0) } == false)
  }
}
