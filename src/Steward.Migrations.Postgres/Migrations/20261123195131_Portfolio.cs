using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Portfolio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Services",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Lifecycle = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcomes = table.Column<List<string>>(type: "text[]", nullable: false),
                    ProcessKeys = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Services", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Services_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Services_People_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TailoredProcesses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Activities = table.Column<string>(type: "text", nullable: false),
                    Kpis = table.Column<string>(type: "text", nullable: false),
                    Itil4Practices = table.Column<List<string>>(type: "text[]", nullable: false),
                    Iso20000Clauses = table.Column<List<string>>(type: "text[]", nullable: false),
                    BasedOnVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TailoredProcesses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TailoredProcesses_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgreementRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AccountableId = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterpartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProcessKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Measures = table.Column<List<string>>(type: "text[]", nullable: false),
                    SignedOn = table.Column<LocalDate>(type: "date", nullable: true),
                    LastReviewedOn = table.Column<LocalDate>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementRecords_Organizations_AccountableId",
                        column: x => x.AccountableId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AgreementRecords_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AgreementRecords_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Offerings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Targets = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offerings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Offerings_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceDependencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    SupportingServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceDependencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceDependencies_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceDependencies_Services_SupportingServiceId",
                        column: x => x.SupportingServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SourcingAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProcessKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActivityKey = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: true),
                    PerformerOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PerformerTeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    AccountableId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Slot = table.Column<string>(type: "character varying(240)", maxLength: 240, nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourcingAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourcingAssignments_Organizations_AccountableId",
                        column: x => x.AccountableId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SourcingAssignments_Organizations_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SourcingAssignments_Organizations_PerformerOrganizationId",
                        column: x => x.PerformerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SourcingAssignments_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SourcingAssignments_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SourcingAssignments_Teams_PerformerTeamId",
                        column: x => x.PerformerTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferingId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Start = table.Column<LocalDate>(type: "date", nullable: false),
                    End = table.Column<LocalDate>(type: "date", nullable: true),
                    ChargeAmount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    ChargeCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ChargePeriod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ClaimedKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Offerings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "Offerings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Organizations_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementRecords_AccountableId",
                table: "AgreementRecords",
                column: "AccountableId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementRecords_CounterpartyId",
                table: "AgreementRecords",
                column: "CounterpartyId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementRecords_ProviderId_Type",
                table: "AgreementRecords",
                columns: new[] { "ProviderId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementRecords_ServiceId",
                table: "AgreementRecords",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Offerings_ProviderId",
                table: "Offerings",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_Offerings_ServiceId_Name",
                table: "Offerings",
                columns: new[] { "ServiceId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceDependencies_ProviderId",
                table: "ServiceDependencies",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceDependencies_ServiceId_SupportingServiceId",
                table: "ServiceDependencies",
                columns: new[] { "ServiceId", "SupportingServiceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceDependencies_SupportingServiceId",
                table: "ServiceDependencies",
                column: "SupportingServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Services_Name_Id",
                table: "Services",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_OwnerId",
                table: "Services",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Services_ProviderId_Name_Id",
                table: "Services",
                columns: new[] { "ProviderId", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_ProviderId_NameKey",
                table: "Services",
                columns: new[] { "ProviderId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SourcingAssignments_AccountableId",
                table: "SourcingAssignments",
                column: "AccountableId");

            migrationBuilder.CreateIndex(
                name: "IX_SourcingAssignments_CustomerId_ServiceId",
                table: "SourcingAssignments",
                columns: new[] { "CustomerId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_SourcingAssignments_PerformerOrganizationId",
                table: "SourcingAssignments",
                column: "PerformerOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SourcingAssignments_PerformerTeamId",
                table: "SourcingAssignments",
                column: "PerformerTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_SourcingAssignments_ProviderId_ServiceId",
                table: "SourcingAssignments",
                columns: new[] { "ProviderId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_SourcingAssignments_ServiceId_Slot",
                table: "SourcingAssignments",
                columns: new[] { "ServiceId", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_CustomerId_ServiceId",
                table: "Subscriptions",
                columns: new[] { "CustomerId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_OfferingId",
                table: "Subscriptions",
                column: "OfferingId");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ProviderId_CustomerId",
                table: "Subscriptions",
                columns: new[] { "ProviderId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ServiceId_CustomerId",
                table: "Subscriptions",
                columns: new[] { "ServiceId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_TailoredProcesses_ProviderId_Key",
                table: "TailoredProcesses",
                columns: new[] { "ProviderId", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementRecords");

            migrationBuilder.DropTable(
                name: "ServiceDependencies");

            migrationBuilder.DropTable(
                name: "SourcingAssignments");

            migrationBuilder.DropTable(
                name: "Subscriptions");

            migrationBuilder.DropTable(
                name: "TailoredProcesses");

            migrationBuilder.DropTable(
                name: "Offerings");

            migrationBuilder.DropTable(
                name: "Services");
        }
    }
}
