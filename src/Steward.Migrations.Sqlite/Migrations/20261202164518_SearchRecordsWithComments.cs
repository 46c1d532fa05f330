using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Nothing to change on SQLite: the model lost the keyless hit type that PostgreSQL's search per
    /// word answered with (RecordSearchHit), which mapped to no table. SQLite's FTS5 index is as it was.
    /// </summary>
    public partial class SearchRecordsWithComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
