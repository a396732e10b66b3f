extension FileScopes {
  /// What the Rust reader writes and the Rust resolver reads back, spelled once.
  public enum RustMarks {
    /// The `labels` of an item whose `#[cfg(…)]` (or `cfg_if!` branch) does not hold on linux/x86_64.
    public static let notBuiltHere = "cfg:off"
    /// The `module` of an `extern crate name;` import.
    public static let externCrate = "@crate"
  }
}
