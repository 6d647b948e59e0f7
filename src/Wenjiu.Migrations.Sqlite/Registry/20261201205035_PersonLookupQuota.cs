using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Registry
{
    /// <inheritdoc />
    public partial class PersonLookupQuota : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_person_lookups",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_person_lookups", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_registry_person_lookups_actor_occurred_at_utc",
                table: "registry_person_lookups",
                columns: new[] { "actor", "occurred_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_person_lookups_outcome_occurred_at_utc",
                table: "registry_person_lookups",
                columns: new[] { "outcome", "occurred_at_utc" });

            // Rejected employment lines kept identity numbers and names in clear (issue 7 §3): mask them as the report
            // now stores them, and drop the text of lines that could not be split (it held both).
            migrationBuilder.Sql("""
                UPDATE registry_import_rejections SET value = CASE
                    WHEN "column" = 'id_number' THEN CASE WHEN length(trim(value)) <= 10 THEN replace(hex(zeroblob(length(trim(value)))), '00', '*')
                        ELSE substr(trim(value), 1, 6) || replace(hex(zeroblob(length(trim(value)) - 10)), '00', '*') || substr(trim(value), -4) END
                    WHEN "column" = 'name' THEN CASE WHEN length(trim(value)) <= 1 THEN trim(value)
                        ELSE substr(trim(value), 1, 1) || replace(hex(zeroblob(min(length(trim(value)) - 1, 3))), '00', '*') END
                    ELSE '' END
                WHERE "column" IN ('id_number', 'name', '') AND import_run_id IN (SELECT id FROM registry_import_runs WHERE kind = 'Employment');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_person_lookups");
        }
    }
}
