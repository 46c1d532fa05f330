using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FinanceWorkLogBooking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkLog_PersonId_On",
                table: "WorkLog");

            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "WorkLog",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "ServiceId",
                table: "WorkLog",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourcingKind",
                table: "WorkLog",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HourlyUnits",
                table: "CostRates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "ValidUntil",
                table: "CostRates",
                type: "TEXT",
                nullable: true);

            // Entries logged before booking: the record's customer, service and kind as they are now.
            migrationBuilder.Sql("""
                UPDATE "WorkLog" SET
                    "CustomerId" = (SELECT r."CustomerId" FROM "WorkRecords" r WHERE r."Id" = "WorkLog"."RecordId"),
                    "ServiceId" = (SELECT r."ServiceId" FROM "WorkRecords" r WHERE r."Id" = "WorkLog"."RecordId"),
                    "SourcingKind" = (SELECT r."SourcingKind" FROM "WorkRecords" r WHERE r."Id" = "WorkLog"."RecordId");
                """);
            // The derived columns of the rates: units of 10^-4 (numeric(18,4) rounds half away from zero, as ROUND does),
            // and each rate's end at the payee's next rate (one payee: the same person, or the same team).
            migrationBuilder.Sql("""
                UPDATE "CostRates" SET
                    "HourlyUnits" = CAST(ROUND(CAST("HourlyAmount" AS REAL) * 10000) AS INTEGER),
                    "ValidUntil" = (SELECT MIN(r2."ValidFrom") FROM "CostRates" r2
                        WHERE (r2."PersonId" = "CostRates"."PersonId" OR r2."TeamId" = "CostRates"."TeamId") AND r2."ValidFrom" > "CostRates"."ValidFrom");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_WorkLog_PersonId_On",
                table: "WorkLog",
                columns: new[] { "PersonId", "On", "ProviderId", "ServiceId", "CustomerId", "SourcingKind", "Minutes" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkLog_ProviderId_On",
                table: "WorkLog",
                columns: new[] { "ProviderId", "On", "PersonId", "PartyId", "ServiceId", "CustomerId", "SourcingKind", "Minutes" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkLog_PersonId_On",
                table: "WorkLog");

            migrationBuilder.DropIndex(
                name: "IX_WorkLog_ProviderId_On",
                table: "WorkLog");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "WorkLog");

            migrationBuilder.DropColumn(
                name: "ServiceId",
                table: "WorkLog");

            migrationBuilder.DropColumn(
                name: "SourcingKind",
                table: "WorkLog");

            migrationBuilder.DropColumn(
                name: "HourlyUnits",
                table: "CostRates");

            migrationBuilder.DropColumn(
                name: "ValidUntil",
                table: "CostRates");

            migrationBuilder.CreateIndex(
                name: "IX_WorkLog_PersonId_On",
                table: "WorkLog",
                columns: new[] { "PersonId", "On" });
        }
    }
}
