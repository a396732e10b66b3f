import ArgumentParser

extension IndexerCommand {
  /// `indexer query ...`: questions answered from the index.
  struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "query",
      abstract: "Ask the index: where a symbol is defined, where a name is used, who calls what, what extends what, or what a file declares.",
      subcommands: [QuerySymbol.self, QueryDef.self, QueryRefs.self, QueryCallers.self, QueryCallees.self, QuerySubtypes.self, QuerySupertypes.self, QueryText.self, QueryFile.self]
    )
  }
}
