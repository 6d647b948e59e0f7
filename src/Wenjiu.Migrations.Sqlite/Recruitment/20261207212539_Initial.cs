using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Recruitment
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recruitment_posting_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    posting_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_posting_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recruitment_postings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    employer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description_zh = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    description_en = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    skills = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    district = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    pay_min = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    pay_max = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    education = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    posted_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    refreshed_at = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    closed_reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    key_enterprise = table.Column<bool>(type: "INTEGER", nullable: false),
                    demand_line_id = table.Column<long>(type: "INTEGER", nullable: true),
                    taxonomy_version = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    changed_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_postings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_posting_changes_posting_id",
                table: "recruitment_posting_changes",
                column: "posting_id");

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_postings_demand_line_id",
                table: "recruitment_postings",
                column: "demand_line_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_postings_status_refreshed_at",
                table: "recruitment_postings",
                columns: new[] { "status", "refreshed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_postings_uscc",
                table: "recruitment_postings",
                column: "uscc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recruitment_posting_changes");

            migrationBuilder.DropTable(
                name: "recruitment_postings");
        }
    }
}
