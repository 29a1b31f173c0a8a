import CLibXML2
import Foundation

/// libxml2's W3C XML Schema validator over one schema text: `problems(in:)` parses a document
/// (no network, no entity expansion) and returns what the validator reports, one line each
/// (`line N: <message>`), or nothing when the document is valid. A document that is not
/// well-formed XML gives one problem starting `not well-formed XML`.
///
/// The schema is compiled on each call: it is small, and a compiled schema is then never shared
/// between the threads Swift Testing runs tests on.
struct XSDValidator: Sendable {
    let schema: String

    /// Collects the structured errors libxml2 reports through its callbacks.
    final class Messages {
        var lines: [String] = []
    }

    init(schema: String) {
        self.schema = schema
        xmlInitParser()
    }

    /// The validator over the schema file at `path`.
    init(contentsOfFile path: String) throws {
        self.init(schema: try String(contentsOfFile: path, encoding: .utf8))
    }

    func problems(in document: String) -> [String] {
        let messages = Messages()
        let box = Unmanaged.passUnretained(messages).toOpaque()
        return withExtendedLifetime(messages) {
            guard let compiled = compile(box) else { return ["the schema does not compile"] + messages.lines }
            defer { xmlSchemaFree(compiled) }
            guard let doc = parse(document) else { return ["not well-formed XML: \(Self.lastError())"] }
            defer { xmlFreeDoc(doc) }
            guard let context = xmlSchemaNewValidCtxt(compiled) else { return ["no validation context"] }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, { user, error in XSDValidator.record(user, error?.pointee) }, box)
            let result = xmlSchemaValidateDoc(context, doc)
            if result != 0, messages.lines.isEmpty { return ["invalid (libxml2 code \(result)) with no message"] }
            return messages.lines
        }
    }

    private func compile(_ box: UnsafeMutableRawPointer) -> xmlSchemaPtr? {
        let bytes = Array(schema.utf8)
        let parser = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { xmlSchemaNewMemParserCtxt($0, Int32(bytes.count)) }
        }
        guard let parser else { return nil }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, { user, error in XSDValidator.record(user, error?.pointee) }, box)
        return xmlSchemaParse(parser)
    }

    private func parse(_ document: String) -> xmlDocPtr? {
        let bytes = Array(document.utf8)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                xmlReadMemory($0, Int32(bytes.count), "report.xml", "UTF-8", options)
            }
        }
    }

    /// The callbacks' one job: append `line N: message` (libxml2's message, its trailing newline cut).
    private static func record(_ user: UnsafeMutableRawPointer?, _ error: xmlError?) {
        guard let user, let error else { return }
        let messages = Unmanaged<Messages>.fromOpaque(user).takeUnretainedValue()
        let text = error.message.map { String(cString: $0) } ?? "(no message)"
        messages.lines.append("line \(error.line): " + text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The parser's last error on this thread (libxml2 keeps it per thread).
    private static func lastError() -> String {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return "?" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
