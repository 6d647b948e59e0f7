using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Registry
{
    /// <inheritdoc />
    public partial class Contributions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "objection_reference",
                schema: "registry",
                table: "employers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "objection_size_class",
                schema: "registry",
                table: "employers",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "published_size_class",
                schema: "registry",
                table: "employers",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reclassified_at",
                schema: "registry",
                table: "employers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reclassified_by",
                schema: "registry",
                table: "employers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            // The classes already registered are the ones published for the policy period (relief-rules.md).
            migrationBuilder.Sql("UPDATE registry.employers SET published_size_class = size_class");

            migrationBuilder.CreateTable(
                name: "contributions",
                schema: "registry",
                columns: table => new
                {
                    employer_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    insured = table.Column<int>(type: "integer", nullable: false),
                    due = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    paid = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    unemployment_paid = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contributions", x => new { x.employer_uscc, x.month });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contributions",
                schema: "registry");

            migrationBuilder.DropColumn(
                name: "objection_reference",
                schema: "registry",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "objection_size_class",
                schema: "registry",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "published_size_class",
                schema: "registry",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "reclassified_at",
                schema: "registry",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "reclassified_by",
                schema: "registry",
                table: "employers");
        }
    }
}
