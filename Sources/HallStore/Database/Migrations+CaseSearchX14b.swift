import GRDB

extension Migrations {
    /// Issue 14, must-deliver 5 (engineer x14b): a company found by the full pinyin of its name
    /// ("shifanqu" finds 示范区第一纺织厂), like the applicant by theirs. The column is written by
    /// saveFields; cases already holding a company name are spelled here once, so they are found
    /// at once after the upgrade.
    static func registerCaseSearchX14b(_ m: inout DatabaseMigrator) {
        m.registerMigration("v14-x14b-business-pinyin") { db in
            try db.execute(sql: """
                ALTER TABLE case_file ADD COLUMN business_pinyin TEXT;
                CREATE INDEX case_business_pinyin_number ON case_file (business_pinyin, case_number);
                """)
            let named = try Row.fetchAll(db, sql: """
                SELECT id, json_extract(form, '$."business.name"') AS name FROM case_file
                WHERE json_extract(form, '$."business.name"') IS NOT NULL
                """)
            let update = try db.makeStatement(sql: "UPDATE case_file SET business_pinyin = ? WHERE id = ?")
            for row in named {
                guard let name = row["name"] as String?, let spelled = PinyinSpelling.spell(name) else { continue }
                try update.execute(arguments: [spelled, row["id"] as String])
            }
        }
    }
}
