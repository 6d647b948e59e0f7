using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Registry
{
    /// <inheritdoc />
    public partial class Contributions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "objection_reference",
                table: "registry_employers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "objection_size_class",
                table: "registry_employers",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "published_size_class",
                table: "registry_employers",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reclassified_at",
                table: "registry_employers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reclassified_by",
                table: "registry_employers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            // The classes already registered are the ones published for the policy period (relief-rules.md).
            migrationBuilder.Sql("UPDATE registry_employers SET published_size_class = size_class");

            migrationBuilder.CreateTable(
                name: "registry_contributions",
                columns: table => new
                {
                    employer_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    insured = table.Column<int>(type: "INTEGER", nullable: false),
                    due = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    paid = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    unemployment_paid = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_contributions", x => new { x.employer_uscc, x.month });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_contributions");

            migrationBuilder.DropColumn(
                name: "objection_reference",
                table: "registry_employers");

            migrationBuilder.DropColumn(
                name: "objection_size_class",
                table: "registry_employers");

            migrationBuilder.DropColumn(
                name: "published_size_class",
                table: "registry_employers");

            migrationBuilder.DropColumn(
                name: "reclassified_at",
                table: "registry_employers");

            migrationBuilder.DropColumn(
                name: "reclassified_by",
                table: "registry_employers");
        }
    }
}
