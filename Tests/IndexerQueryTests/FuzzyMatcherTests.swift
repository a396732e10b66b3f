import IndexerQuery
import Testing

@Suite struct FuzzyMatcherTests {
  @Test func requiresEveryLetterInOrder() {
    let m = FuzzyMatcher("idxw")
    #expect(m.score("IndexWriter") != nil)
    #expect(m.score("WriterIndex") == nil)
    #expect(m.score("idx") == nil)
  }

  @Test func ranksBoundariesAndPrefixesAboveScatteredLetters() throws {
    let m = FuzzyMatcher("iw")
    let boundary = try #require(m.score("IndexWriter"))
    let scattered = try #require(m.score("ignoreWhitespaceInLongerName"))
    let buried = try #require(m.score("midway"))
    #expect(boundary > scattered)
    #expect(scattered > buried)
  }

  @Test func exactNamesWinOverLongerOnes() throws {
    let m = FuzzyMatcher("run")
    #expect(try #require(m.score("run")) > (try #require(m.score("runner"))))
    #expect(try #require(m.score("Run")) > (try #require(m.score("rerun_all"))))
  }
}
