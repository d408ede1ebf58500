import Testing
@testable import KGImport

@Suite struct RDFXMLSnifferTests {
    static let cases: [(text: String, isRDFXML: Bool)] = [
        (#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"#, true),
        ("\u{FEFF}  \n<rdf:RDF>", true),
        (#"<!DOCTYPE rdf:RDF [<!ENTITY rdf "http://www.w3.org/1999/02/22-rdf-syntax-ns#">]>"#, true),
        (#"<ex:Thing xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"#, true),
        (#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>"#, false),
        ("<http://a> <http://b> <http://c> .", false),
        ("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .", false),
        ("user\titem\n1\t2\n", false),
        ("", false),
    ]

    @Test(arguments: cases)
    func sniff(_ testCase: (text: String, isRDFXML: Bool)) {
        #expect(RDFXMLReader.looksLikeRDFXML(Array(testCase.text.utf8)) == testCase.isRDFXML)
    }
}
