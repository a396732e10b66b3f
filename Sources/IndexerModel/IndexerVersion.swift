/// The tool's version, as `indexer --version`, the LSP and MCP servers and SCIP's tool info report it.
public enum IndexerVersion {
  public static let current = "0.1.0"
}
