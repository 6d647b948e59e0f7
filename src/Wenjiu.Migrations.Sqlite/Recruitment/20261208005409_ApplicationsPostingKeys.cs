using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Recruitment
{
    /// <inheritdoc />
    public partial class ApplicationsPostingKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "recruitment_postings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_postings_uscc_idempotency_key",
                table: "recruitment_postings",
                columns: new[] { "uscc", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_recruitment_postings_uscc_idempotency_key",
                table: "recruitment_postings");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "recruitment_postings");
        }
    }
}
