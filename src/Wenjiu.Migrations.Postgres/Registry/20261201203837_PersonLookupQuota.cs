using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Registry
{
    /// <inheritdoc />
    public partial class PersonLookupQuota : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "person_lookups",
                schema: "registry",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_lookups", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_person_lookups_actor_occurred_at_utc",
                schema: "registry",
                table: "person_lookups",
                columns: new[] { "actor", "occurred_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_person_lookups_outcome_occurred_at_utc",
                schema: "registry",
                table: "person_lookups",
                columns: new[] { "outcome", "occurred_at_utc" });

            // Rejected employment lines kept identity numbers and names in clear (issue 7 §3): mask them as the report
            // now stores them, and drop the text of lines that could not be split (it held both).
            migrationBuilder.Sql("""
                UPDATE registry.import_rejections r SET value = CASE
                    WHEN r."column" = 'id_number' THEN CASE WHEN length(trim(r.value)) <= 10 THEN repeat('*', length(trim(r.value)))
                        ELSE left(trim(r.value), 6) || repeat('*', length(trim(r.value)) - 10) || right(trim(r.value), 4) END
                    WHEN r."column" = 'name' THEN CASE WHEN length(trim(r.value)) <= 1 THEN trim(r.value)
                        ELSE left(trim(r.value), 1) || repeat('*', least(length(trim(r.value)) - 1, 3)) END
                    ELSE '' END
                FROM registry.import_runs u
                WHERE u.id = r.import_run_id AND u.kind = 'Employment' AND r."column" IN ('id_number', 'name', '');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "person_lookups",
                schema: "registry");
        }
    }
}
