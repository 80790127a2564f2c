import Foundation
import XCTest

/// Issue 17, must-deliver 7: the package carries man pages made by swift-argument-parser's
/// generate-manual tool from the packaged binary, which `man -l` renders with the subcommands,
/// and its bash completion completes `yichuang <Tab>` in an interactive bash.
extension PackageTests {
    func testManPagesRenderWithSubcommandsAndBashCompletesTheCommand() throws {
        let deb = try buildPackage()
        let x = work.appendingPathComponent("x")
        XCTAssertEqual(try tool("/usr/bin/dpkg-deb", ["-x", deb, x.path]).status, 0)
        let man1 = x.appendingPathComponent("usr/share/man/man1")
        let pages = try FileManager.default.contentsOfDirectory(atPath: man1.path)
        XCTAssertEqual(pages, ["yichuang.1.gz"], "one page with every subcommand in it")

        // What `man yichuang` shows on the node, rendered without a pager.
        let page = try tool("/usr/bin/man", ["-l", "-P", "cat", man1.appendingPathComponent("yichuang.1.gz").path],
                            env: ["MANWIDTH": "100", "LANG": "C.UTF-8"])
        XCTAssertEqual(page.status, 0, page.err)
        XCTAssertTrue(page.out.contains("yichuang"), page.out)
        XCTAssertTrue(page.out.contains("一窗"), "the abstract, in Chinese: \(page.out)")
        // Every subcommand with its Chinese abstract: generate-manual alone would drop the Chinese.
        for (sub, abstract) in [("sync", "与中心同步"), ("central", "运行中心服务器"), ("ticket", "取号（自助机、脚本）"), ("window", "窗口叫号台（窗口人员）")] {
            XCTAssertTrue(page.out.contains("     \(sub)"), "the page lists \(sub): \(page.out)")
            XCTAssertTrue(page.out.contains(abstract), "\(sub): \(abstract)")
        }

        // `yichuang sy<Tab>` and `yichuang sync --<Tab>` in an interactive bash with the package's file.
        let completion = x.appendingPathComponent("usr/share/bash-completion/completions/yichuang").path
        let script = """
            source '\(completion)'
            complete -p yichuang
            COMP_LINE='yichuang sy'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(yichuang sy); COMP_CWORD=1
            _yichuang yichuang sy yichuang; echo "first: ${COMPREPLY[*]}"
            COMP_LINE='yichuang sync --'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(yichuang sync --); COMP_CWORD=2
            _yichuang yichuang -- sync; echo "sync: ${COMPREPLY[*]}"
            """
        let bash = try tool("/bin/bash", ["--norc", "--noprofile", "-i", "-c", script])
        XCTAssertEqual(bash.status, 0, bash.err)
        XCTAssertTrue(bash.out.contains("complete -o filenames -F _yichuang yichuang"), bash.out)
        XCTAssertTrue(bash.out.contains("first: sync\n"), bash.out)
        for option in ["--once", "--central", "--store"] {
            XCTAssertTrue(bash.out.contains(option), "sync --<Tab> offers \(option): \(bash.out)")
        }
    }
}
