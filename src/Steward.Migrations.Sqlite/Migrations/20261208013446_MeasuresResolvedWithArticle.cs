using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeasuresResolvedWithArticle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords");

            migrationBuilder.AddColumn<bool>(
                name: "ResolvedWithArticle",
                table: "WorkRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Records with an article tied as UsedToResolve were resolved with it (before the index is rebuilt).
            migrationBuilder.Sql("""UPDATE "WorkRecords" SET "ResolvedWithArticle" = 1 WHERE EXISTS (SELECT 1 FROM "RecordArticles" a WHERE a."RecordId" = "WorkRecords"."Id" AND a."Relation" = 'UsedToResolve')""");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "ResolvedAt", "Kind", "ServiceId", "CustomerId", "SourcingKind", "ResolvedByPartyId", "ResolutionTime", "ReopenCount", "Handoffs", "ResolvedWithArticle", "OpenedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "ResolvedWithArticle",
                table: "WorkRecords");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "ResolvedAt", "Kind", "ServiceId", "CustomerId", "SourcingKind", "ResolvedByPartyId", "ResolutionTime", "ReopenCount", "Handoffs", "OpenedAt", "Id" });
        }
    }
}
