import XCTest
final class HallCoreTestsPlaceholder: XCTestCase { func testNothing() {} }
