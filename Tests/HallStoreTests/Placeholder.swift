import XCTest
final class HallStoreTestsPlaceholder: XCTestCase { func testNothing() {} }
