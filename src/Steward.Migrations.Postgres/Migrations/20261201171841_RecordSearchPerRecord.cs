using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steward.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Nothing to change on PostgreSQL: the model gained the keyless row type SQLite's new full-text
    /// index answers with (RecordSearchRow), which maps to no table. PostgreSQL keeps its tsvector
    /// columns on records and comments.
    /// </summary>
    public partial class RecordSearchPerRecord : Migration
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
