using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
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
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<LocalDate>(type: "date", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourcingKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Minutes = table.Column<long>(type: "bigint", nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false)
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
                SELECT w."ProviderId", date_trunc('month', w."On"::timestamp)::date, w."PersonId", coalesce(w."ServiceId", '00000000-0000-0000-0000-000000000000'::uuid), w."CustomerId", coalesce(w."SourcingKind", ''), coalesce(w."PartyId", '00000000-0000-0000-0000-000000000000'::uuid), sum(w."Minutes"), count(*)::int
                FROM "WorkLog" w GROUP BY w."ProviderId", date_trunc('month', w."On"::timestamp)::date, w."PersonId", coalesce(w."ServiceId", '00000000-0000-0000-0000-000000000000'::uuid), w."CustomerId", coalesce(w."SourcingKind", ''), coalesce(w."PartyId", '00000000-0000-0000-0000-000000000000'::uuid)
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
