using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class QueuePagesByStateAndPriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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
                name: "IX_WorkRecords_AssignedTeamId_Kind_State_Priority_Id",
                table: "WorkRecords",
                columns: new[] { "AssignedTeamId", "Kind", "State", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_AssigneeId_Kind_State_Priority_Id",
                table: "WorkRecords",
                columns: new[] { "AssigneeId", "Kind", "State", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_Kind_State_Priority_Id",
                table: "WorkRecords",
                columns: new[] { "Kind", "State", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_ServiceId_Kind_State_Priority_Id",
                table: "WorkRecords",
                columns: new[] { "ServiceId", "Kind", "State", "Priority", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_AssignedTeamId_Kind_State_Priority_Id",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_AssigneeId_Kind_State_Priority_Id",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_Kind_State_Priority_Id",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_ServiceId_Kind_State_Priority_Id",
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
    }
}
