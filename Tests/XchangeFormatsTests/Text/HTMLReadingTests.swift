import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// The HTML side: entities, tolerant tags, tables with spans, and report pages read through
/// the text reader.
@Suite struct HTMLReadingTests {
    /// A page that prints a report line by line in paragraphs (tables drawn with pipes
    /// included, as a text file holds them) reads as the text file does.
    @Test(arguments: SampleReports.names.filter { $0.hasSuffix(".txt") })
    func aTextInParagraphsReadsAsTheText(_ name: String) throws {
        let text = String(decoding: try SampleReports.bytes(name), as: UTF8.self)
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let page =
            "<html><head><meta charset=\"utf-8\"></head><body>\n"
            + escaped.split(separator: "\n", omittingEmptySubsequences: false).map { "<p>\($0)</p>" }.joined(
                separator: "\n") + "\n</body></html>\n"
        let fromText = try SampleReports.read(name).report
        let fromPage = try SampleReports.read(bytes: Array(page.utf8), name: "page.html").report
        #expect(CopiedFromPDFTests.values(fromPage) == CopiedFromPDFTests.values(fromText))
    }

    @Test func entitiesDecode() {
        #expect(HTMLEntities.decode("a&nbsp;b&amp;c&#12345;&#x4E00;&lt;&GT;&ldquo;") == "a\u{A0}b&c\u{3039}一<>\u{201C}")
        #expect(HTMLEntities.decode("&unknown; & &#xZZ; &") == "&unknown; & &#xZZ; &")
    }

    @Test func referencesThatAreNotCharactersStayAsWritten() {
        #expect(
            HTMLEntities.decode("&AMP;&#X4e00;&#x4E00&#;&#x;&#12a;&#x110000;&#55296;&#99999999999;")
                == "&一&#x4E00&#;&#x;&#12a;&#x110000;&#55296;&#99999999999;")
        #expect(HTMLEntities.decode("&IdeographicSpace;&nbsp") == "\u{3000}&nbsp")
        // A name of more than 32 characters is no reference.
        let long = "&" + String(repeating: "a", count: 33) + ";"
        #expect(HTMLEntities.decode(long) == long)
    }

    @Test func keptAttributesAreFoundInAnyCase() {
        let tokens = HTMLTokenizer(
            "<TD ROWSPAN=\"2\" Style='x' ColSpan=3 class=a>", keeping: ["rowspan", "colspan"]
        ).tokens()
        guard case .startTag(let name, let attributes, _, _) = tokens.first else {
            Issue.record("no start tag: \(tokens)")
            return
        }
        #expect(name.string == "td")
        #expect(attributes == ["rowspan": "2", "colspan": "3"])
    }

    /// The page's tags in order, `<…>` and `</…>` around what `describe` says of each name.
    private static func tags(in html: String, _ describe: (HTMLTokenizer.TagName) -> String) -> [String] {
        HTMLTokenizer(html).tokens().compactMap { token in
            switch token {
            case .startTag(let name, _, _, _): "<\(describe(name))>"
            case .endTag(let name, _): "</\(describe(name))>"
            case .text: nil
            }
        }
    }

    @Test func rawTextElementsHideTheirMarkup() {
        let html = "<STYLE>p { x: '<td>' }</STYLE><noscript><p>a</p></noscript><TextArea><td>b</textarea><p>c</p>"
        let names = Self.tags(in: html) { "\($0.string)" }
        #expect(
            names == ["<style>", "</style>", "<noscript>", "</noscript>", "<textarea>", "</textarea>", "<p>", "</p>"])
    }

    @Test func pagesAreToldFromTextsByTheirMarkup() {
        func looksLikeHTML(_ text: String) -> Bool { HTMLTextExtractor.looksLikeHTML(Array(text.unicodeScalars)) }
        #expect(looksLikeHTML("\u{3000}\n <P class=x>报告</P>"))
        #expect(looksLikeHTML("<!DOCTYPE html><HTML>"))
        #expect(!looksLikeHTML("报告 <p>"))
        #expect(!looksLikeHTML("<注>本报告</注>"))
        // Only the head of the file is looked at.
        #expect(!looksLikeHTML("<" + String(repeating: "注", count: 5000) + "<p>"))
    }

    @Test func tokenizerToleratesMessyMarkup() {
        let tokens = HTMLTokenizer(
            "<P CLASS=x data-a='1'>a<br/>b</p><!-- <td> --><script>if (a<b) { x = '</td>' }</script>c < d<td colspan=\"2\" rowspan=3>"
        ).tokens()
        var names: [String] = []
        for token in tokens {
            switch token {
            case .startTag(let name, let attributes, let selfClosing, _):
                names.append(
                    "<\(name.string)\(selfClosing ? "/" : "")\(attributes["colspan"].map { " colspan=\($0)" } ?? "")\(attributes["class"].map { " class=\($0)" } ?? "")>"
                )
            case .endTag(let name, _): names.append("</\(name.string)>")
            case .text: names.append("text")
            }
        }
        #expect(
            names == [
                "<p class=x>", "text", "<br/>", "text", "</p>", "<script>", "</script>", "text", "<td colspan=2>",
            ])
    }

    @Test func tagNamesAreNumberedInTheOrderFirstUsed() {
        let html = "<P><div></p><BLOCKQUOTE x=1></blockquote><td><DIV><blockquotes><h1></H1>"
        let names = Self.tags(in: html) { "\($0.string)=\($0.number)" }
        #expect(
            names == [
                "<p=0>", "<div=1>", "</p=0>", "<blockquote=2>", "</blockquote=2>", "<td=3>", "<div=1>",
                "<blockquotes=4>", "<h1=5>", "</h1=5>",
            ])
    }

    @Test func tablesInCellsCellsWithoutRowsAndTextBetweenCells() {
        let html =
            "<table><tr><td> a <table><tr><td>x|y</td><td>z</td></tr></table></td>junk<td>b<p>c</td><tr></tr><td>d</table><p>e</p>"
        let text = HTMLTextExtractor.extract(html, file: nil)
        #expect(text.string(0..<text.count) == "| a / x/y / z / | b c |\n| d |\ne")
    }

    @Test func tablesBecomeBarRowsWithEmptyCells() {
        let html =
            "<p>二、主动公开政府信息情况</p><table><tr><td colspan=\"2\">第二十条第（一）项</td></tr><tr><td>规章</td><td>&nbsp;</td><td><p>3</p></td></tr></table><p>三、</p>"
        let text = HTMLTextExtractor.extract(html, file: "page.html")
        #expect(text.string(0..<text.count) == "二、主动公开政府信息情况\n| 第二十条第（一）项 |\n| 规章 |  | 3 |\n三、")
    }

    @Test func cellsOutsideTablesAreText() {
        let text = HTMLTextExtractor.extract("<td>a</td><tr><th>b</th></tr></table><p>c</p>", file: nil)
        #expect(text.string(0..<text.count) == "a\nb\nc")
    }

    @Test func reportPageWithRowspanHeadings() throws {
        let html = """
            <html><head><title>某区2021年政府信息公开工作年度报告</title><style>p{color:red}</style></head><body>
            <p>某区人民政府2021年政府信息公开工作年度报告</p>
            <p>四、政府信息公开行政复议、行政诉讼情况</p>
            <table>
            <tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
            <tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td>
            <td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
            <tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
            <tr><td>1</td><td>&nbsp;</td><td>0</td><td>0</td><td>1</td><td>2</td><td>0</td><td>0</td><td>1</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
            </table>
            <p>五、存在的主要问题及改进情况</p><p>无。</p>
            </body></html>
            """
        let (report, _) = try SampleReports.read(bytes: Array(html.utf8), name: "page.html")
        #expect(report[.reconsideration, .upheld] == 1)
        #expect(report[.reconsideration, .corrected] == nil)
        #expect(report[.litigationDirect, .total] == 3)
        #expect(report[.litigationAfterReconsideration, .total] == 0)
        #expect(report.agencyName == "某区人民政府")
        #expect(report.provenance["review_litigation.litigation_direct.total"]?.line == 9)
    }
}
