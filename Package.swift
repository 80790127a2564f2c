// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: yichuang → HallApp → {TerminalUI, HallStore, Printing} → HallCore;
// Printing → TerminalUI for the one display-width table.
let package = Package(
    name: "yichuang",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yichuang", targets: ["yichuang"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // Sync: the central server (Hummingbird 2 over PostgreSQL) and the hall's HTTP client.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        // The centre's operations: /metrics through a Prometheus registry, and graceful shutdown.
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        // yichuang.toml: a full TOML 1.0 parser (toml++) instead of a hand-written subset.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Printing's lp/lpstat: timeouts by cancellation, own process group killed whole.
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "TerminalUI", dependencies: ["CNcursesw"]),
        // Printing's only C surfaces: Pango/Cairo for the A4 PDF, libqrencode for QR codes.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // Printing measures text with TerminalUI's DisplayWidth and line-break rule, so a preview, a
        // ticket and the screen agree (TerminalUI depends on nothing of ours: still one way).
        .target(name: "Printing", dependencies: ["HallCore", "TerminalUI", "CPangoCairo", "CQREncode",
                                                 .product(name: "Subprocess", package: "swift-subprocess")]),
        .target(name: "HallCore"),
        .target(
            name: "HallStore",
            dependencies: [
                "HallCore", "HallResources",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Wire types shared by the hall and the centre; Codable only, no I/O.
        .target(name: "SyncProtocol", dependencies: ["HallCore"]),
        .target(
            name: "CentralServer",
            dependencies: [
                "SyncProtocol", "HallCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "SyncClient",
            dependencies: [
                "SyncProtocol", "HallStore", "HallCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                // The sync loop stops between batches on SIGTERM (graceful shutdown).
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "HallResources", path: "Resources", exclude: ["tools"], resources: [.copy("data")]),
        .target(name: "HallApp", dependencies: ["TerminalUI", "HallStore", "HallCore", "HallResources", "Printing",
                                              .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(
            name: "yichuang",
            dependencies: [
                "HallApp", "HallStore", "HallCore", "CentralServer", "SyncClient", "SyncProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "YichuangBench",
            dependencies: [
                "HallStore", "HallCore", "HallApp", "TerminalUI", "Printing", "CentralServer", "SyncClient", "SyncProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // The sync benchmark: the centre in-process, raw PostgreSQL baselines, many HTTP stations.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/YichuangBench"
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"], exclude: ["Golden"]),
        .testTarget(name: "HallCoreTests", dependencies: ["HallCore"]),
        .testTarget(name: "HallStoreTests", dependencies: ["HallStore", "HallCore"]),
        .testTarget(name: "PrintingTests", dependencies: ["Printing", "HallStore", "HallCore", "TerminalUI"], exclude: ["Golden"]),
        .testTarget(name: "HallAppTests", dependencies: ["HallApp", "TerminalUI", "HallStore", "HallCore", "Printing"],
                    exclude: ["Golden"]),
        .testTarget(
            name: "CentralTests",
            dependencies: [
                "CentralServer", "SyncClient", "SyncProtocol", "HallStore", "HallCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["yichuang", "HallStore", "HallCore"]),
    ]
)
