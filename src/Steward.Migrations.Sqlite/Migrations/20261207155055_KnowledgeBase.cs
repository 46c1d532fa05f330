using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Frameworks = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessKeys = table.Column<string>(type: "TEXT", nullable: false),
                    SkillIds = table.Column<string>(type: "TEXT", nullable: false),
                    ReviewQuorum = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CustomerIds = table.Column<string>(type: "TEXT", nullable: false),
                    ServiceIds = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessKeys = table.Column<string>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PublishedVersionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstPublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WorkingVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WorkingVersionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    WorkingState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LatestVersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ReadingText = table.Column<string>(type: "TEXT", nullable: false),
                    WorkingText = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReaderOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    ServiceIds = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessKeys = table.Column<string>(type: "TEXT", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CustomerIds = table.Column<string>(type: "TEXT", nullable: false),
                    Framework = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Clause = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContributorIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstSubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReaderOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Query = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LinkedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false)
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

            // Article search (KnowledgeSearch): an FTS5 index of the articles' words, which
            // KnowledgeText has already split and normalised, so the tokenizer only splits at the
            // spaces and keeps what it is given ('remove_diacritics 0': the text has none left).
            // Articles change far less often than records, so triggers keep it as they change. A
            // later migration that rebuilds KnowledgeArticles drops these triggers and must create them again.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ArticleSearch" USING fts5("ArticleId" UNINDEXED, "Reading", "Working", tokenize = 'unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "KnowledgeArticles_search_insert" AFTER INSERT ON "KnowledgeArticles" BEGIN
                    INSERT INTO "ArticleSearch" (rowid, "ArticleId", "Reading", "Working") VALUES (new.rowid, new."Id", new."ReadingText", new."WorkingText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "KnowledgeArticles_search_update" AFTER UPDATE OF "ReadingText", "WorkingText" ON "KnowledgeArticles" BEGIN
                    DELETE FROM "ArticleSearch" WHERE rowid = old.rowid;
                    INSERT INTO "ArticleSearch" (rowid, "ArticleId", "Reading", "Working") VALUES (new.rowid, new."Id", new."ReadingText", new."WorkingText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "KnowledgeArticles_search_delete" AFTER DELETE ON "KnowledgeArticles" BEGIN
                    DELETE FROM "ArticleSearch" WHERE rowid = old.rowid;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "KnowledgeArticles_search_insert", "KnowledgeArticles_search_update", "KnowledgeArticles_search_delete" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"ArticleSearch\";");
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
