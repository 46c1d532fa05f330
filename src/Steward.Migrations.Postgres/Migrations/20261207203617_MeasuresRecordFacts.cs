using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MeasuresRecordFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ProviderId_OpenedAt",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords");

            migrationBuilder.AddColumn<int>(
                name: "Handoffs",
                table: "WorkRecords",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "ResolutionDueAt",
                table: "WorkRecords",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolutionOutcome",
                table: "WorkRecords",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Unjudged");

            migrationBuilder.AddColumn<long>(
                name: "ResolutionTime",
                table: "WorkRecords",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResolvedByPartyId",
                table: "WorkRecords",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "ResponseDueAt",
                table: "WorkRecords",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseOutcome",
                table: "WorkRecords",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Unjudged");

            migrationBuilder.AddColumn<long>(
                name: "ResponseTime",
                table: "WorkRecords",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourcingKind",
                table: "WorkRecords",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EngagedAfter",
                table: "SlaClocks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "EngagedAt",
                table: "SlaClocks",
                type: "timestamp with time zone",
                nullable: true);

            // Existing records take their facts from their clocks, as RecordOutcomes.Mirror would, and their kind of
            // sourcing and resolving party from a survey invitation where one was sent; hand-offs were never counted (null).
            migrationBuilder.Sql("""
                UPDATE "WorkRecords" SET
                    "ResponseOutcome" = COALESCE((SELECT CASE WHEN c."Target" IS NULL THEN 'Unjudged' WHEN c."BreachedAt" IS NOT NULL THEN 'Breached'
                        WHEN c."Stage" = 'Stopped' THEN 'Met' ELSE 'Pending' END FROM "SlaClocks" c WHERE c."RecordId" = "WorkRecords"."Id" AND c."Metric" = 'FirstResponse' LIMIT 1), 'Unjudged'),
                    "ResponseDueAt" = (SELECT CASE WHEN c."Target" IS NOT NULL AND c."BreachedAt" IS NULL AND c."Stage" = 'Running' THEN c."DueAt" END
                        FROM "SlaClocks" c WHERE c."RecordId" = "WorkRecords"."Id" AND c."Metric" = 'FirstResponse' LIMIT 1),
                    "ResponseTime" = (SELECT CASE WHEN c."Stage" = 'Stopped' THEN c."Business" END FROM "SlaClocks" c WHERE c."RecordId" = "WorkRecords"."Id" AND c."Metric" = 'FirstResponse' LIMIT 1),
                    "ResolutionOutcome" = COALESCE((SELECT CASE WHEN c."Target" IS NULL THEN 'Unjudged' WHEN c."BreachedAt" IS NOT NULL THEN 'Breached'
                        WHEN c."Stage" = 'Stopped' THEN 'Met' ELSE 'Pending' END FROM "SlaClocks" c WHERE c."RecordId" = "WorkRecords"."Id" AND c."Metric" = 'Resolution' LIMIT 1), 'Unjudged'),
                    "ResolutionDueAt" = (SELECT CASE WHEN c."Target" IS NOT NULL AND c."BreachedAt" IS NULL AND c."Stage" = 'Running' THEN c."DueAt" END
                        FROM "SlaClocks" c WHERE c."RecordId" = "WorkRecords"."Id" AND c."Metric" = 'Resolution' LIMIT 1),
                    "ResolutionTime" = (SELECT CASE WHEN c."Stage" = 'Stopped' THEN c."Business" END FROM "SlaClocks" c WHERE c."RecordId" = "WorkRecords"."Id" AND c."Metric" = 'Resolution' LIMIT 1),
                    "SourcingKind" = (SELECT i."SourcingKind" FROM "SurveyInvitations" i WHERE i."RecordId" = "WorkRecords"."Id" LIMIT 1),
                    "ResolvedByPartyId" = CASE WHEN "ResolvedAt" IS NOT NULL THEN (SELECT i."PerformerId" FROM "SurveyInvitations" i WHERE i."RecordId" = "WorkRecords"."Id" LIMIT 1) END
                """);

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ProviderId_OpenedAt",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "OpenedAt", "Kind", "ServiceId", "CustomerId", "SourcingKind", "ResponseOutcome", "ResponseDueAt", "ResolutionOutcome", "ResolutionDueAt", "ResponseTime", "ResolvedAt", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "ResolvedAt", "Kind", "ServiceId", "CustomerId", "SourcingKind", "ResolvedByPartyId", "ResolutionTime", "ReopenCount", "Handoffs", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ProviderId_OpenedAt",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "Handoffs",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "ResolutionDueAt",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "ResolutionOutcome",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "ResolutionTime",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "ResolvedByPartyId",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "ResponseDueAt",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "ResponseOutcome",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "ResponseTime",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "SourcingKind",
                table: "WorkRecords");

            migrationBuilder.DropColumn(
                name: "EngagedAfter",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "EngagedAt",
                table: "SlaClocks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ProviderId_OpenedAt",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ProviderId_ResolvedAt",
                table: "WorkRecords",
                columns: new[] { "ProviderId", "ResolvedAt" });
        }
    }
}
