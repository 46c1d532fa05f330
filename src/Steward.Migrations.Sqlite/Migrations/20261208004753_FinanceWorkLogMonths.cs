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

            // The work log summed per month and booking, by the statements the server's rebuild runs
            // (Steward.Core.Finance.WorkLogRollup): one GROUP BY over the work log, seconds for a million entries.
            foreach (var statement in Steward.Core.Finance.WorkLogRollup.RebuildStatements(Steward.Core.Persistence.DatabaseProvider.Sqlite, oneProvider: false))
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
