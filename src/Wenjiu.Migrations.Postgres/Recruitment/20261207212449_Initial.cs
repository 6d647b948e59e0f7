using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Recruitment
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "recruitment");

            migrationBuilder.CreateTable(
                name: "posting_changes",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    posting_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_posting_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "postings",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    employer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description_zh = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    description_en = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    occupation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    skills = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    pay_min = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    pay_max = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    education = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    posted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    refreshed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    closed_reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key_enterprise = table.Column<bool>(type: "boolean", nullable: false),
                    demand_line_id = table.Column<long>(type: "bigint", nullable: true),
                    taxonomy_version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_postings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_posting_changes_posting_id",
                schema: "recruitment",
                table: "posting_changes",
                column: "posting_id");

            migrationBuilder.CreateIndex(
                name: "ix_postings_demand_line_id",
                schema: "recruitment",
                table: "postings",
                column: "demand_line_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_postings_status_refreshed_at",
                schema: "recruitment",
                table: "postings",
                columns: new[] { "status", "refreshed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_postings_uscc",
                schema: "recruitment",
                table: "postings",
                column: "uscc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "posting_changes",
                schema: "recruitment");

            migrationBuilder.DropTable(
                name: "postings",
                schema: "recruitment");
        }
    }
}
