using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Full-text search with one row per record instead of one per record and comment: the row has
    /// the record's rowid, its number, title, description and public comments in "Body" and its
    /// internal notes in "Internal". A search can then walk the index newest first (FTS5 returns
    /// rowids in order) and stop after a page, however many records match; with a row per comment
    /// every hit had to be read and sorted (docs/performance.md, issue 5). A comment rewrites its
    /// record's row. As before, a later migration that rebuilds WorkRecords or RecordComments drops
    /// these triggers and must create them again.
    /// </summary>
    public partial class RecordSearchPerRecord : Migration
    {
        static readonly string[] OldTriggers = ["WorkRecords_search_insert", "WorkRecords_search_update", "WorkRecords_search_delete", "RecordComments_search_insert", "RecordComments_search_delete"];

        /// <summary>Writes the rows of the records <paramref name="where"/> picks (every record when empty), from the records and their comments.</summary>
        static string WriteRows(string where) => $"""
            INSERT INTO "RecordSearch" (rowid, "RecordId", "Body", "Internal")
            SELECT w.rowid, w."Id",
                w."Number" || ' ' || w."Title" || ' ' || coalesce(w."Description", '')
                    || coalesce(' ' || (SELECT group_concat(c."Body", ' ') FROM "RecordComments" c WHERE c."RecordId" = w."Id" AND c."IsPublic"), ''),
                (SELECT group_concat(c."Body", ' ') FROM "RecordComments" c WHERE c."RecordId" = w."Id" AND NOT c."IsPublic")
            FROM "WorkRecords" w {where};
            """;

        static string RewriteRowOf(string recordId) => $"""
            DELETE FROM "RecordSearch" WHERE rowid = (SELECT rowid FROM "WorkRecords" WHERE "Id" = {recordId});
            {WriteRows($"WHERE w.\"Id\" = {recordId}")}
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in OldTriggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"RecordSearch\";");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "RecordSearch" USING fts5("RecordId" UNINDEXED, "Body", "Internal", tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql(WriteRows(""));
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkRecords_search_insert" AFTER INSERT ON "WorkRecords" BEGIN
                    INSERT INTO "RecordSearch" (rowid, "RecordId", "Body")
                    VALUES (new.rowid, new."Id", new."Number" || ' ' || new."Title" || ' ' || coalesce(new."Description", ''));
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "WorkRecords_search_update" AFTER UPDATE OF "Title", "Description" ON "WorkRecords" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = old.rowid;
                    {WriteRows("WHERE w.rowid = new.rowid")}
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkRecords_search_delete" AFTER DELETE ON "WorkRecords" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = old.rowid;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "RecordComments_search_insert" AFTER INSERT ON "RecordComments" BEGIN
                    {RewriteRowOf("new.\"RecordId\"")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "RecordComments_search_delete" AFTER DELETE ON "RecordComments" BEGIN
                    {RewriteRowOf("old.\"RecordId\"")}
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in OldTriggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"RecordSearch\";");
            // The shape of the RecordSearch migration: a row per record ('r') and per comment ('c', 'i').
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "RecordSearch" USING fts5("RecordId" UNINDEXED, "Source" UNINDEXED, "Body", tokenize = 'unicode61 remove_diacritics 2');
                INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                SELECT rowid, "Id", 'r', "Number" || ' ' || "Title" || ' ' || coalesce("Description", '') FROM "WorkRecords";
                INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                SELECT -rowid, "RecordId", CASE WHEN "IsPublic" THEN 'c' ELSE 'i' END, "Body" FROM "RecordComments";
                CREATE TRIGGER "WorkRecords_search_insert" AFTER INSERT ON "WorkRecords" BEGIN
                    INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                    VALUES (new.rowid, new."Id", 'r', new."Number" || ' ' || new."Title" || ' ' || coalesce(new."Description", ''));
                END;
                CREATE TRIGGER "WorkRecords_search_update" AFTER UPDATE OF "Title", "Description" ON "WorkRecords" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = old.rowid;
                    INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                    VALUES (new.rowid, new."Id", 'r', new."Number" || ' ' || new."Title" || ' ' || coalesce(new."Description", ''));
                END;
                CREATE TRIGGER "WorkRecords_search_delete" AFTER DELETE ON "WorkRecords" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = old.rowid;
                END;
                CREATE TRIGGER "RecordComments_search_insert" AFTER INSERT ON "RecordComments" BEGIN
                    INSERT INTO "RecordSearch" (rowid, "RecordId", "Source", "Body")
                    VALUES (-new.rowid, new."RecordId", CASE WHEN new."IsPublic" THEN 'c' ELSE 'i' END, new."Body");
                END;
                CREATE TRIGGER "RecordComments_search_delete" AFTER DELETE ON "RecordComments" BEGIN
                    DELETE FROM "RecordSearch" WHERE rowid = -old.rowid;
                END;
                """);
        }
    }
}
