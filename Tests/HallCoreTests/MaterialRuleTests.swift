import XCTest
@testable import HallCore

final class MaterialRuleTests: XCTestCase {
    let idCard = MaterialCheck(matterCode: "M1", materialName: "居民身份证", requiredOriginals: 1, requiredCopies: 1, isRequired: true,
                               isTolerable: false, electronicLicence: "居民身份证电子证照")
    let lease = MaterialCheck(matterCode: "M1", materialName: "经营场所使用证明", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                              isTolerable: true, electronicLicence: nil)
    let photo = MaterialCheck(matterCode: "M2", materialName: "近期免冠照片", requiredOriginals: 2, requiredCopies: 0, isRequired: false,
                              isTolerable: false, electronicLicence: nil)

    func testOnlyWhatTheCatalogAllows() throws {
        XCTAssertThrowsError(try MaterialRules.set(.toleratedWithCommitment, on: idCard)) {
            XCTAssertEqual($0 as? MaterialRuleError, .notTolerable("居民身份证"))
        }
        XCTAssertThrowsError(try MaterialRules.set(.exemptElectronicLicence("x"), on: lease))
        XCTAssertThrowsError(try MaterialRules.set(.received(originals: 100, copies: 0), on: lease))
        XCTAssertEqual(try MaterialRules.set(.toleratedWithCommitment, on: lease).shortfall, nil)
        XCTAssertEqual(try MaterialRules.set(.exemptElectronicLicence("居民身份证电子证照"), on: idCard).shortfall, nil)
    }

    func testEverythingMissingIsListedOnce() throws {
        let partial = try MaterialRules.set(.received(originals: 1, copies: 0), on: idCard)
        let missing = MaterialRules.shortfalls([partial, lease, photo])
        XCTAssertEqual(missing.map(\.materialName), ["居民身份证", "经营场所使用证明"])
        XCTAssertEqual(partial.shortfall, "居民身份证（还需原件0份，复印件1份）")
        XCTAssertEqual(lease.shortfall, "经营场所使用证明（原件1份，复印件0份）")
        XCTAssertNil(photo.shortfall, "optional materials never block acceptance")
    }
}
