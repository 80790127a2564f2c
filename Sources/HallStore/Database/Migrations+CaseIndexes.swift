import GRDB

extension Migrations {
    static func registerCaseIndexes(_ m: inout DatabaseMigrator) {
        // The case list searched at a million cases (BENCHMARKS.md, `cases`). Search results are
        // listed newest case first, i.e. by case number (YC + service day + sequence counts up),
        // so each index keeps its matches in case-number order and a page is read from the index
        // instead of sorting every match:
        // - (case_number, applicant_name): exact and prefix search ("YC20261121"); the UNIQUE
        //   (hall_id, case_number) index leads with hall_id, so a number by itself could not use
        //   it and the old search read the whole table (about 1 s at a million cases). The name
        //   is in it so a search for a common surname can walk the newest case numbers and check
        //   names without reading the table.
        // - (applicant_name, case_number) and (applicant_id, case_number) replace the one-column
        //   indexes of v5: same leading column, so every lookup the old ones served is still
        //   served, and saveField (which rewrites both columns) need not keep two redundant ones.
        // On an existing store this builds three indexes once, at the first start after upgrade.
        m.registerMigration("v6-case-indexes") { db in
            try db.execute(sql: """
            CREATE INDEX case_number_search ON case_file (case_number, applicant_name);
            CREATE INDEX case_applicant_name_number ON case_file (applicant_name, case_number);
            CREATE INDEX case_applicant_id_number ON case_file (applicant_id, case_number);
            DROP INDEX case_applicant_name;
            DROP INDEX case_applicant_id;
            """)
        }
    }
}
