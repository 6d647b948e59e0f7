using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Recruitment
{
    /// <inheritdoc />
    public partial class ApplicationsPostingKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                schema: "recruitment",
                table: "postings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_postings_uscc_idempotency_key",
                schema: "recruitment",
                table: "postings",
                columns: new[] { "uscc", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_postings_uscc_idempotency_key",
                schema: "recruitment",
                table: "postings");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                schema: "recruitment",
                table: "postings");
        }
    }
}
