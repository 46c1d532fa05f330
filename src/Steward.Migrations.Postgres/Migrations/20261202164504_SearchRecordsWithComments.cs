using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Full-text search as a condition on the record's own row: the text of its public comments and
    /// of its internal notes as two tsvector columns on the record, kept by a trigger on the
    /// comments, and a GIN index on each of the two searches (the record's own vector joined with
    /// the public one, and with both). A search then pages newest first along the primary key and
    /// stops, instead of reading every hit of every word (RecordSearch.MatchingPostgres). The
    /// comments' own vector and the record-only index are read by nothing after this and go.
    /// </summary>
    public partial class SearchRecordsWithComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "WorkRecords"
                    ADD COLUMN "PublicNotes" tsvector NOT NULL DEFAULT ''::tsvector,
                    ADD COLUMN "InternalNotes" tsvector NOT NULL DEFAULT ''::tsvector;
                UPDATE "WorkRecords" w SET "PublicNotes" = c."Public", "InternalNotes" = c."Internal"
                FROM (SELECT "RecordId",
                             to_tsvector('simple', coalesce(string_agg("Body", ' ') FILTER (WHERE "IsPublic"), '')) AS "Public",
                             to_tsvector('simple', coalesce(string_agg("Body", ' ') FILTER (WHERE NOT "IsPublic"), '')) AS "Internal"
                      FROM "RecordComments" GROUP BY "RecordId") c
                WHERE w."Id" = c."RecordId";
                """);
            // A new comment adds its words to its record's vector; an edit, a move to another record
            // or a removal (rare) builds the vectors of the records concerned again from their comments.
            migrationBuilder.Sql("""
                CREATE FUNCTION steward_record_notes() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    records uuid[];
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NEW."IsPublic" THEN
                            UPDATE "WorkRecords" SET "PublicNotes" = "PublicNotes" || to_tsvector('simple', NEW."Body") WHERE "Id" = NEW."RecordId";
                        ELSE
                            UPDATE "WorkRecords" SET "InternalNotes" = "InternalNotes" || to_tsvector('simple', NEW."Body") WHERE "Id" = NEW."RecordId";
                        END IF;
                        RETURN NULL;
                    END IF;
                    -- NEW is null on a delete: read only on an update.
                    records := ARRAY[OLD."RecordId"];
                    IF TG_OP = 'UPDATE' THEN
                        records := records || NEW."RecordId";
                    END IF;
                    UPDATE "WorkRecords" w SET
                        "PublicNotes" = to_tsvector('simple', coalesce((SELECT string_agg(c."Body", ' ') FROM "RecordComments" c
                                                                        WHERE c."RecordId" = w."Id" AND c."IsPublic"), '')),
                        "InternalNotes" = to_tsvector('simple', coalesce((SELECT string_agg(c."Body", ' ') FROM "RecordComments" c
                                                                          WHERE c."RecordId" = w."Id" AND NOT c."IsPublic"), ''))
                    WHERE w."Id" = ANY (records);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "RecordComments_Notes" AFTER INSERT OR DELETE OR UPDATE OF "Body", "IsPublic", "RecordId" ON "RecordComments"
                    FOR EACH ROW EXECUTE FUNCTION steward_record_notes();
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_WorkRecords_SearchPublic" ON "WorkRecords" USING GIN (("Search" || "PublicNotes"));
                CREATE INDEX "IX_WorkRecords_SearchAll" ON "WorkRecords" USING GIN (("Search" || "PublicNotes" || "InternalNotes"));
                DROP INDEX "IX_WorkRecords_Search";
                DROP INDEX "IX_RecordComments_Search";
                ALTER TABLE "RecordComments" DROP COLUMN "Search";
                """);
            // The planner's choice between a scan newest first and the index rests on how common a
            // word is: statistics of the two expressions now, not when autovacuum gets to them.
            migrationBuilder.Sql("""ANALYZE "WorkRecords";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "RecordComments" ADD COLUMN "Search" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "Body")) STORED;
                CREATE INDEX "IX_RecordComments_Search" ON "RecordComments" USING GIN ("Search");
                CREATE INDEX "IX_WorkRecords_Search" ON "WorkRecords" USING GIN ("Search");
                DROP TRIGGER "RecordComments_Notes" ON "RecordComments";
                DROP FUNCTION steward_record_notes();
                DROP INDEX "IX_WorkRecords_SearchAll";
                DROP INDEX "IX_WorkRecords_SearchPublic";
                ALTER TABLE "WorkRecords" DROP COLUMN "InternalNotes", DROP COLUMN "PublicNotes";
                """);
        }
    }
}
