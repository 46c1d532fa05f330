using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeBase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Communities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Frameworks = table.Column<List<string>>(type: "text[]", nullable: false),
                    ProcessKeys = table.Column<List<string>>(type: "text[]", nullable: false),
                    SkillIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ReviewQuorum = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Communities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Communities_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommunityMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    JoinedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityMembers_Communities_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Communities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommunityMembers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KnowledgeArticles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Audience = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CustomerIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ServiceIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ProcessKeys = table.Column<List<string>>(type: "text[]", nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    PublishedVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PublishedVersionNumber = table.Column<int>(type: "integer", nullable: true),
                    FirstPublishedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    WorkingVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    WorkingVersionNumber = table.Column<int>(type: "integer", nullable: true),
                    WorkingState = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    LatestVersionNumber = table.Column<int>(type: "integer", nullable: false),
                    ReadingText = table.Column<string>(type: "text", nullable: false),
                    WorkingText = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    LastReviewedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    RetiredAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeArticles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnowledgeArticles_Communities_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Communities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KnowledgeArticles_Organizations_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KnowledgeArticles_People_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArticleFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReaderOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Helpful = table.Column<bool>(type: "boolean", nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleFeedback_KnowledgeArticles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "KnowledgeArticles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArticleVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    ServiceIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ProcessKeys = table.Column<List<string>>(type: "text[]", nullable: false),
                    Audience = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CustomerIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Framework = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Clause = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ContributorIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    FirstSubmittedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    SubmittedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    PublishedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleVersions_KnowledgeArticles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "KnowledgeArticles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KnowledgeDeflections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReaderOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Query = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeDeflections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnowledgeDeflections_KnowledgeArticles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "KnowledgeArticles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecordArticles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Relation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LinkedById = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordArticles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordArticles_KnowledgeArticles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "KnowledgeArticles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordArticles_WorkRecords_RecordId",
                        column: x => x.RecordId,
                        principalTable: "WorkRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArticleReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleReviews_ArticleVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ArticleVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ArticleReviews_People_ReviewerId",
                        column: x => x.ReviewerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleFeedback_ArticleId_PersonId",
                table: "ArticleFeedback",
                columns: new[] { "ArticleId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleFeedback_CommunityId_At",
                table: "ArticleFeedback",
                columns: new[] { "CommunityId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleReviews_ArticleId_Id",
                table: "ArticleReviews",
                columns: new[] { "ArticleId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleReviews_ReviewerId_Id",
                table: "ArticleReviews",
                columns: new[] { "ReviewerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleReviews_VersionId_ReviewerId",
                table: "ArticleReviews",
                columns: new[] { "VersionId", "ReviewerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleVersions_ArticleId_Number",
                table: "ArticleVersions",
                columns: new[] { "ArticleId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleVersions_CommunityId_State",
                table: "ArticleVersions",
                columns: new[] { "CommunityId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Communities_Name_Id",
                table: "Communities",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Communities_ProviderId_NameKey",
                table: "Communities",
                columns: new[] { "ProviderId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityMembers_CommunityId_PersonId",
                table: "CommunityMembers",
                columns: new[] { "CommunityId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityMembers_PersonId",
                table: "CommunityMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeArticles_CommunityId_State_Id",
                table: "KnowledgeArticles",
                columns: new[] { "CommunityId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeArticles_OwnerId",
                table: "KnowledgeArticles",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeArticles_ProviderId_State_Title_Id",
                table: "KnowledgeArticles",
                columns: new[] { "ProviderId", "State", "Title", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeArticles_Title_Id",
                table: "KnowledgeArticles",
                columns: new[] { "Title", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeDeflections_ArticleId",
                table: "KnowledgeDeflections",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeDeflections_CommunityId_At",
                table: "KnowledgeDeflections",
                columns: new[] { "CommunityId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RecordArticles_ArticleId_Relation",
                table: "RecordArticles",
                columns: new[] { "ArticleId", "Relation" });

            migrationBuilder.CreateIndex(
                name: "IX_RecordArticles_CommunityId_Relation",
                table: "RecordArticles",
                columns: new[] { "CommunityId", "Relation" });

            migrationBuilder.CreateIndex(
                name: "IX_RecordArticles_RecordId_ArticleId",
                table: "RecordArticles",
                columns: new[] { "RecordId", "ArticleId" },
                unique: true);

            // Article search (KnowledgeSearch): the articles' words, which KnowledgeText has already
            // split and normalised, as generated tsvector columns ('simple': no stemming, no stop
            // words), with a GIN index for readers (the published text) and one for members (both).
            migrationBuilder.Sql("""
                ALTER TABLE "KnowledgeArticles"
                    ADD COLUMN "ReadingSearch" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "ReadingText")) STORED,
                    ADD COLUMN "WorkingSearch" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "WorkingText")) STORED;
                CREATE INDEX "IX_KnowledgeArticles_ReadingSearch" ON "KnowledgeArticles" USING GIN ("ReadingSearch");
                CREATE INDEX "IX_KnowledgeArticles_AnySearch" ON "KnowledgeArticles" USING GIN (("ReadingSearch" || "WorkingSearch"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleFeedback");

            migrationBuilder.DropTable(
                name: "ArticleReviews");

            migrationBuilder.DropTable(
                name: "CommunityMembers");

            migrationBuilder.DropTable(
                name: "KnowledgeDeflections");

            migrationBuilder.DropTable(
                name: "RecordArticles");

            migrationBuilder.DropTable(
                name: "ArticleVersions");

            migrationBuilder.DropTable(
                name: "KnowledgeArticles");

            migrationBuilder.DropTable(
                name: "Communities");
        }
    }
}
