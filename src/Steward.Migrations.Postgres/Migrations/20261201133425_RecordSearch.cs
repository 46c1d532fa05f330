using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <summary>Full-text search over records and their comments: generated tsvector columns with GIN indexes ('simple': no stemming, any language).</summary>
    public partial class RecordSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "WorkRecords" ADD COLUMN "Search" tsvector
                    GENERATED ALWAYS AS (to_tsvector('simple', "Number" || ' ' || "Title" || ' ' || coalesce("Description", ''))) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_WorkRecords_Search" ON "WorkRecords" USING GIN ("Search");""");
            migrationBuilder.Sql("""
                ALTER TABLE "RecordComments" ADD COLUMN "Search" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "Body")) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_RecordComments_Search" ON "RecordComments" USING GIN ("Search");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "RecordComments" DROP COLUMN IF EXISTS "Search";""");
            migrationBuilder.Sql("""ALTER TABLE "WorkRecords" DROP COLUMN IF EXISTS "Search";""");
        }
    }
}
