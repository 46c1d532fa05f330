using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Full-text search over records and their comments: an FTS5 index kept by triggers. A record's
    /// row in the index has the record's rowid, a comment's the negated rowid of the comment, so
    /// triggers update and delete by rowid. A later migration that rebuilds WorkRecords or
    /// RecordComments (SQLite's way of some ALTERs) drops these triggers and must create them again.
    /// </summary>
    public partial class RecordSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "RecordSearch" USING fts5("RecordId" UNINDEXED, "Source" UNINDEXED, "Body", tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                SELECT rowid, "Id", 'r', "Number" || ' ' || "Title" || ' ' || coalesce("Description", '') FROM "WorkRecords";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                SELECT -rowid, "RecordId", CASE WHEN "IsPublic" THEN 'c' ELSE 'i' END, "Body" FROM "RecordComments";
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkRecords_search_insert" AFTER INSERT ON "WorkRecords" BEGIN
                    INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                    VALUES (new.rowid, new."Id", 'r', new."Number" || ' ' || new."Title" || ' ' || coalesce(new."Description", ''));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkRecords_search_update" AFTER UPDATE OF "Title", "Description" ON "WorkRecords" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = old.rowid;
                    INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                    VALUES (new.rowid, new."Id", 'r', new."Number" || ' ' || new."Title" || ' ' || coalesce(new."Description", ''));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkRecords_search_delete" AFTER DELETE ON "WorkRecords" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = old.rowid;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordComments_search_insert" AFTER INSERT ON "RecordComments" BEGIN
                    INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                    VALUES (-new.rowid, new."RecordId", CASE WHEN new."IsPublic" THEN 'c' ELSE 'i' END, new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordComments_search_delete" AFTER DELETE ON "RecordComments" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = -old.rowid;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "WorkRecords_search_insert", "WorkRecords_search_update", "WorkRecords_search_delete", "RecordComments_search_insert", "RecordComments_search_delete" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"RecordSearch\";");
        }
    }
}
