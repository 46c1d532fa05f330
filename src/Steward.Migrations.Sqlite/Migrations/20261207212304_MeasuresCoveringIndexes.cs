using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeasuresCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords");

            migrationBuilder.AddColumn<long>(
                name: "RecordOpenedAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing clocks take their record's opening instant.
            migrationBuilder.Sql("""UPDATE "SlaClocks" SET "RecordOpenedAt" = (SELECT r."OpenedAt" FROM "WorkRecords" r WHERE r."Id" = "SlaClocks"."RecordId")""");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "ResolvedAt", "Kind", "ServiceId", "CustomerId", "SourcingKind", "ResolvedByPartyId", "ResolutionTime", "ReopenCount", "Handoffs", "OpenedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_Unresolved",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "ClosedAt", "OpenedAt", "Kind", "ServiceId", "CustomerId", "SourcingKind" },
                filter: "\"ResolvedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Engagement",
                table: "SlaClocks",
                columns: new[] { "ProviderId", "AgreementType", "StartedAt", "PartyId", "PartyOrganizationId", "CustomerId", "EngagedAfter", "RecordId" },
                filter: "\"Metric\" = 'Party'");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_PartyCompliance",
                table: "SlaClocks",
                columns: new[] { "ProviderId", "PartyId", "RecordOpenedAt", "PartyOrganizationId", "CustomerId", "Target", "Stage", "BreachedAt", "DueAt", "RecordId" },
                filter: "\"Metric\" = 'Party'");

            migrationBuilder.CreateIndex(
                name: "IX_RecordArticles_ProviderId_Relation_RecordId",
                table: "RecordArticles",
                columns: new[] { "ProviderId", "Relation", "RecordId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_Unresolved",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_Engagement",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_PartyCompliance",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_RecordArticles_ProviderId_Relation_RecordId",
                table: "RecordArticles");

            migrationBuilder.DropColumn(
                name: "RecordOpenedAt",
                table: "SlaClocks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "ResolvedAt", "Kind", "ServiceId", "CustomerId", "SourcingKind", "ResolvedByPartyId", "ResolutionTime", "ReopenCount", "Handoffs", "OpenedAt" });
        }
    }
}
