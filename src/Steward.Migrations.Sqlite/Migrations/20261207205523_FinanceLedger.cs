using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FinanceLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExchangeRates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    On = table.Column<string>(type: "TEXT", nullable: false),
                    Rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExchangeRates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExchangeRates_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FinanceSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportingCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FinanceSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FinanceSettings_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProfessionalPractices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChampionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Objective = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TargetCustomerIds = table.Column<string>(type: "TEXT", nullable: false),
                    CommunityIds = table.Column<string>(type: "TEXT", nullable: false),
                    YearlyBudget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    BudgetCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfessionalPractices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProfessionalPractices_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProfessionalPractices_People_ChampionId",
                        column: x => x.ChampionId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupplierCharges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Start = table.Column<string>(type: "TEXT", nullable: false),
                    End = table.Column<string>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierCharges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplierCharges_AgreementRecords_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "AgreementRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplierCharges_Organizations_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplierCharges_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CostEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<string>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CostEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CostEntries_Organizations_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CostEntries_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CostEntries_ProfessionalPractices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "ProfessionalPractices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CostEntries_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PracticeServices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeServices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeServices_ProfessionalPractices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "ProfessionalPractices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PracticeServices_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CostEntries_CustomerId",
                table: "CostEntries",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CostEntries_PracticeId",
                table: "CostEntries",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_CostEntries_ProviderId_On",
                table: "CostEntries",
                columns: new[] { "ProviderId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_CostEntries_ServiceId",
                table: "CostEntries",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_ExchangeRates_ProviderId_From_To_On",
                table: "ExchangeRates",
                columns: new[] { "ProviderId", "From", "To", "On" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FinanceSettings_ProviderId",
                table: "FinanceSettings",
                column: "ProviderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeServices_PracticeId",
                table: "PracticeServices",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeServices_ProviderId",
                table: "PracticeServices",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeServices_ServiceId",
                table: "PracticeServices",
                column: "ServiceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProfessionalPractices_ChampionId",
                table: "ProfessionalPractices",
                column: "ChampionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProfessionalPractices_Name_Id",
                table: "ProfessionalPractices",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProfessionalPractices_ProviderId_NameKey",
                table: "ProfessionalPractices",
                columns: new[] { "ProviderId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplierCharges_AgreementId",
                table: "SupplierCharges",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierCharges_CustomerId",
                table: "SupplierCharges",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierCharges_ProviderId",
                table: "SupplierCharges",
                column: "ProviderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CostEntries");

            migrationBuilder.DropTable(
                name: "ExchangeRates");

            migrationBuilder.DropTable(
                name: "FinanceSettings");

            migrationBuilder.DropTable(
                name: "PracticeServices");

            migrationBuilder.DropTable(
                name: "SupplierCharges");

            migrationBuilder.DropTable(
                name: "ProfessionalPractices");
        }
    }
}
