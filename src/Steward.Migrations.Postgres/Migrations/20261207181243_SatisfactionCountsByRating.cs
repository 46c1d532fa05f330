using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SatisfactionCountsByRating : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_ProviderId_CustomerId_InvitedAt_Rating_Reco~",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_ProviderId_PerformerId_AccountableId_Perfor~",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_ProviderId_ServiceId_InvitedAt_Rating_Recom~",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_ProviderId_SourcingKind_InvitedAt_Rating_Re~",
                table: "SurveyResponses");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_CustomerId_Rating_Recommend_Invi~",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "CustomerId", "Rating", "Recommend", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_PerformerId_AccountableId_Perfor~",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "PerformerId", "AccountableId", "PerformerAgreement", "Rating", "Recommend", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_ServiceId_Rating_Recommend_Invit~",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "ServiceId", "Rating", "Recommend", "InvitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_SourcingKind_Rating_Recommend_In~",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "SourcingKind", "Rating", "Recommend", "InvitedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_ProviderId_CustomerId_Rating_Recommend_Invi~",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_ProviderId_PerformerId_AccountableId_Perfor~",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_ProviderId_ServiceId_Rating_Recommend_Invit~",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_ProviderId_SourcingKind_Rating_Recommend_In~",
                table: "SurveyResponses");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_CustomerId_InvitedAt_Rating_Reco~",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "CustomerId", "InvitedAt", "Rating", "Recommend" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_PerformerId_AccountableId_Perfor~",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "PerformerId", "AccountableId", "PerformerAgreement", "InvitedAt", "Rating", "Recommend" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_ServiceId_InvitedAt_Rating_Recom~",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "ServiceId", "InvitedAt", "Rating", "Recommend" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ProviderId_SourcingKind_InvitedAt_Rating_Re~",
                table: "SurveyResponses",
                columns: new[] { "ProviderId", "SourcingKind", "InvitedAt", "Rating", "Recommend" });
        }
    }
}
