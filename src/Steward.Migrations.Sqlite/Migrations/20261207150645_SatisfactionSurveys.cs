using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SatisfactionSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "Notifications",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Surveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ServiceIds = table.Column<string>(type: "TEXT", nullable: false),
                    CustomerIds = table.Column<string>(type: "TEXT", nullable: false),
                    RecordKinds = table.Column<string>(type: "TEXT", nullable: false),
                    EveryMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    StartsOn = table.Column<string>(type: "TEXT", nullable: true),
                    AsksRecommend = table.Column<bool>(type: "INTEGER", nullable: false),
                    AsksComment = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExpiresAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EveryNth = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Surveys_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InviteeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Round = table.Column<int>(type: "INTEGER", nullable: true),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PerformerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PerformerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PerformerAgreement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AccountableId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourcingKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AsksRecommend = table.Column<bool>(type: "INTEGER", nullable: false),
                    AsksComment = table.Column<bool>(type: "INTEGER", nullable: false),
                    InvitedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyInvitations_People_InviteeId",
                        column: x => x.InviteeId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SurveyInvitations_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<string>(type: "TEXT", nullable: false),
                    Invitations = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyRounds_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvitationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RespondentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PerformerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PerformerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PerformerAgreement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AccountableId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourcingKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    InvitedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Recommend = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_SurveyInvitations_InvitationId",
                        column: x => x.InvitationId,
                        principalTable: "SurveyInvitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionFollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SatisfactionFollowUps_SurveyResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "SurveyResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionFollowUps_OwnerId_State",
                table: "SatisfactionFollowUps",
                columns: new[] { "OwnerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionFollowUps_ProviderId_State_Id",
                table: "SatisfactionFollowUps",
                columns: new[] { "ProviderId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionFollowUps_RecordId",
                table: "SatisfactionFollowUps",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionFollowUps_ResponseId",
                table: "SatisfactionFollowUps",
                column: "ResponseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_InviteeId_ExpiresAt",
                table: "SurveyInvitations",
                columns: new[] { "InviteeId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_ProviderId_CustomerId_InvitedAt",
                table: "SurveyInvitations",
                columns: new[] { "ProviderId", "CustomerId", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_ProviderId_InvitedAt",
                table: "SurveyInvitations",
                columns: new[] { "ProviderId", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_ProviderId_PerformerId_AccountableId_PerformerAgreement_InvitedAt",
                table: "SurveyInvitations",
                columns: new[] { "ProviderId", "PerformerId", "AccountableId", "PerformerAgreement", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_ProviderId_ServiceId_InvitedAt",
                table: "SurveyInvitations",
                columns: new[] { "ProviderId", "ServiceId", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_ProviderId_SourcingKind_InvitedAt",
                table: "SurveyInvitations",
                columns: new[] { "ProviderId", "SourcingKind", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_RecordId_SurveyId",
                table: "SurveyInvitations",
                columns: new[] { "RecordId", "SurveyId" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_SurveyId_Round_InviteeId",
                table: "SurveyInvitations",
                columns: new[] { "SurveyId", "Round", "InviteeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_InvitationId",
                table: "SurveyResponses",
                column: "InvitationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_CustomerId_InvitedAt_Rating_Recommend",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "CustomerId", "InvitedAt", "Rating", "Recommend" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_InvitedAt_Rating_Recommend",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "InvitedAt", "Rating", "Recommend" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_PerformerId_AccountableId_PerformerAgreement_InvitedAt_Rating_Recommend",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "PerformerId", "AccountableId", "PerformerAgreement", "InvitedAt", "Rating", "Recommend" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_ServiceId_InvitedAt_Rating_Recommend",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "ServiceId", "InvitedAt", "Rating", "Recommend" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_SourcingKind_InvitedAt_Rating_Recommend",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "SourcingKind", "InvitedAt", "Rating", "Recommend" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_RecordId",
                table: "SurveyResponses",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyRounds_SurveyId_Round",
                table: "SurveyRounds",
                columns: new[] { "SurveyId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_ProviderId_Name",
                table: "Surveys",
                columns: new[] { "ProviderId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_ProviderId_Trigger_IsActive",
                table: "Surveys",
                columns: new[] { "ProviderId", "Trigger", "IsActive" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SatisfactionFollowUps");

            migrationBuilder.DropTable(
                name: "SurveyRounds");

            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "SurveyInvitations");

            migrationBuilder.DropTable(
                name: "Surveys");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "Notifications");
        }
    }
}
