using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Recruitment
{
    /// <inheritdoc />
    public partial class ApplicationsPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "application_stage_changes",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    application_id = table.Column<long>(type: "bigint", nullable: false),
                    from = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    refusal_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_application_stage_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "applications",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    posting_id = table.Column<long>(type: "bigint", nullable: false),
                    seeker_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    demand_line_id = table.Column<long>(type: "bigint", nullable: true),
                    stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    refusal_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    routes = table.Column<int>(type: "integer", nullable: false),
                    agency_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stage_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    no_shows = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_applications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_application_stage_changes_application_id",
                schema: "recruitment",
                table: "application_stage_changes",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_applications_posting_id_seeker_id",
                schema: "recruitment",
                table: "applications",
                columns: new[] { "posting_id", "seeker_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_applications_seeker_id_idempotency_key",
                schema: "recruitment",
                table: "applications",
                columns: new[] { "seeker_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_applications_uscc_seeker_id",
                schema: "recruitment",
                table: "applications",
                columns: new[] { "uscc", "seeker_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_stage_changes",
                schema: "recruitment");

            migrationBuilder.DropTable(
                name: "applications",
                schema: "recruitment");
        }
    }
}
