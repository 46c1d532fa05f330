using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FinanceWorkLogMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkLogMonths",
                columns: table => new
                {
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourcingKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Minutes = table.Column<long>(type: "INTEGER", nullable: false),
                    Entries = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkLogMonths", x => new { x.ProviderId, x.Month, x.PersonId, x.ServiceId, x.CustomerId, x.SourcingKind, x.PartyId });
                });

            // The work log summed per month and booking: one GROUP BY, seconds for a million entries.
            // Written out rather than taken from WorkLogRollup.RebuildStatements, which follows the
            // table as it is today: a migration must do what it did on the day it was written.
            migrationBuilder.Sql("""
                INSERT INTO "WorkLogMonths" ("ProviderId", "Month", "PersonId", "ServiceId", "CustomerId", "SourcingKind", "PartyId", "Minutes", "Entries")
                SELECT w."ProviderId", substr(w."On", 1, 7) || '-01', w."PersonId", coalesce(w."ServiceId", '00000000-0000-0000-0000-000000000000'), w."CustomerId", coalesce(w."SourcingKind", ''), coalesce(w."PartyId", '00000000-0000-0000-0000-000000000000'), sum(w."Minutes"), count(*)
                FROM "WorkLog" w GROUP BY w."ProviderId", substr(w."On", 1, 7) || '-01', w."PersonId", coalesce(w."ServiceId", '00000000-0000-0000-0000-000000000000'), w."CustomerId", coalesce(w."SourcingKind", ''), coalesce(w."PartyId", '00000000-0000-0000-0000-000000000000')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkLogMonths");
        }
    }
}
