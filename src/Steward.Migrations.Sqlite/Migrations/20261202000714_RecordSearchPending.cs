using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// A new record is no longer indexed by its insert trigger: the trigger notes its rowid in
    /// RecordSearchPending, and RecordSearch.SqliteIndexPending indexes the noted records many at a
    /// time (before every search, and a few times a second). FTS5 wrote a segment per create
    /// otherwise, because an insert that fires a trigger runs in a statement savepoint and FTS5
    /// writes its pending terms out at each one (docs/performance.md, issue 5). Edits and comments
    /// still rewrite a record's row at once. As before, a migration that rebuilds WorkRecords drops
    /// these triggers and must create them again.
    /// </summary>
    public partial class RecordSearchPending : Migration
    {
        const string NewRow = """
            INSERT INTO "RecordSearch" (rowid, "RecordId", "Body")
            VALUES (new.rowid, new."Id", new."Number" || ' ' || new."Title" || ' ' || coalesce(new."Description", ''));
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "RecordSearchPending" ("RecordRowId" INTEGER NOT NULL PRIMARY KEY);
                DROP TRIGGER IF EXISTS "WorkRecords_search_insert";
                CREATE TRIGGER "WorkRecords_search_insert" AFTER INSERT ON "WorkRecords" BEGIN
                    INSERT INTO "RecordSearchPending" ("RecordRowId") VALUES (new.rowid);
                END;
                DROP TRIGGER IF EXISTS "WorkRecords_search_delete";
                CREATE TRIGGER "WorkRecords_search_delete" AFTER DELETE ON "WorkRecords" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = old.rowid;
                    DELETE FROM "RecordSearchPending" WHERE "RecordRowId" = old.rowid;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The records still waiting are indexed before the list goes.
            migrationBuilder.Sql("""
                INSERT INTO "RecordSearch" (rowid, "RecordId", "Body")
                SELECT w.rowid, w."Id", w."Number" || ' ' || w."Title" || ' ' || coalesce(w."Description", '')
                FROM "RecordSearchPending" p CROSS JOIN "WorkRecords" w ON w.rowid = p."RecordRowId"
                WHERE NOT EXISTS (SELECT 1 FROM "RecordSearch" s WHERE s.rowid = w.rowid);
                DROP TRIGGER IF EXISTS "WorkRecords_search_insert";
                DROP TRIGGER IF EXISTS "WorkRecords_search_delete";
                DROP TABLE "RecordSearchPending";
                CREATE TRIGGER "WorkRecords_search_delete" AFTER DELETE ON "WorkRecords" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = old.rowid;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "WorkRecords_search_insert" AFTER INSERT ON "WorkRecords" BEGIN
                    {NewRow}
                END;
                """);
        }
    }
}
