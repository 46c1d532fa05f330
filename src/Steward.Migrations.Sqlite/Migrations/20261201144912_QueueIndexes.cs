using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_AssignedTeamId_State_Id",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_AssigneeId_State_Id",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ServiceId_State_Id",
                table: "WorkRecords");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_AssignedTeamId_Kind_State_Id",
                table: "WorkRecords",
                columns: new[] { "AssignedTeamId", "Kind", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_AssigneeId_Kind_State_Id",
                table: "WorkRecords",
                columns: new[] { "AssigneeId", "Kind", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_Kind_State_Id",
                table: "WorkRecords",
                columns: new[] { "Kind", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ServiceId_Kind_State_Id",
                table: "WorkRecords",
                columns: new[] { "ServiceId", "Kind", "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_AssignedTeamId_Kind_State_Id",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_AssigneeId_Kind_State_Id",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_Kind_State_Id",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ServiceId_Kind_State_Id",
                table: "WorkRecords");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_AssignedTeamId_State_Id",
                table: "WorkRecords",
                columns: new[] { "AssignedTeamId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_AssigneeId_State_Id",
                table: "WorkRecords",
                columns: new[] { "AssigneeId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ServiceId_State_Id",
                table: "WorkRecords",
                columns: new[] { "ServiceId", "State", "Id" });
        }
    }
}
