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

            // The work log summed per month and booking, by the statements the server's rebuild runs
            // (Steward.Core.Finance.WorkLogRollup): one GROUP BY over the work log, seconds for a million entries.
            foreach (var statement in Steward.Core.Finance.WorkLogRollup.RebuildStatements(Steward.Core.Persistence.DatabaseProvider.Postgres, oneProvider: false))
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkLogMonths");
        }
    }
}
