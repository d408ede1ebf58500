/// Bounds on what the text readers accept, so that a hostile or broken input (one endless
/// line, `/dev/zero`, a quoted CSV field that never closes) fails with a clear error instead
/// of exhausting memory.
///
/// - `maxLineBytes`, 16 MiB: the longest physical line (bytes between two line ends) of any
///   text input: CSV/TSV, the benchmark layouts' files, N-Triples, mapping files. Checked
///   once over the whole input before a reader starts (`TextValidator`), so a 100 MB line
///   is refused after reading 16 MiB of it, without allocating it.
/// - `maxRecordBytes`, 16 MiB: the longest CSV/TSV record, whose quoted fields may span
///   several lines; it also bounds a single field.
///
/// RDF/XML is read by libxml2, whose own limits apply (names up to 50,000 bytes, text and
/// attribute values up to 10,000,000 bytes without `XML_PARSE_HUGE`, which is never set),
/// together with `RDFXMLReader.Limits`.
enum InputLimits {
    /// The longest physical line of a text input, in bytes (16 MiB).
    static let maxLineBytes = 16 << 20
    /// The longest CSV/TSV record (its quoted fields may span lines), in bytes (16 MiB).
    static let maxRecordBytes = 16 << 20

    /// `16 MiB`: a byte count as a message shows it.
    static func describe(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : bytes % (1 << 10) == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}
