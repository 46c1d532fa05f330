using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DropIndexesNobodyReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_Number",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_CalendarId_Stage",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_PolicyId_Stage",
                table: "SlaClocks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_Number",
                table: "WorkRecords",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_CalendarId_Stage",
                table: "SlaClocks",
                columns: new[] { "CalendarId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_PolicyId_Stage",
                table: "SlaClocks",
                columns: new[] { "PolicyId", "Stage" });
        }
    }
}
