@testable import IndexerQuery
import Testing

@Suite struct FileURITests {
  @Test func plainPathsStayAsTheyAreAndOthersArePercentEncoded() {
    #expect(FileURI.from(path: "/src/linux/lib/crc32.c") == "file:///src/linux/lib/crc32.c")
    #expect(FileURI.from(path: "/a b/ä#?.c") == "file:///a%20b/%C3%A4%23%3F.c")
    #expect(FileURI.percentDecoded(Substring(FileURI.percentEncoded("/a b/ä#?.c"))) == "/a b/ä#?.c")
    #expect(FileURI.percentEncoded("") == "")
  }
}
