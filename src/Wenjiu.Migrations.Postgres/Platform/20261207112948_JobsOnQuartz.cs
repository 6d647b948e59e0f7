using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Platform
{
    /// <inheritdoc />
    public partial class JobsOnQuartz : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "job_runs",
                schema: "platform",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    parameters = table.Column<string>(type: "text", nullable: false),
                    started_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    progress_done = table.Column<long>(type: "bigint", nullable: false),
                    progress_total = table.Column<long>(type: "bigint", nullable: true),
                    progress_message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    max_attempts = table.Column<int>(type: "integer", nullable: false),
                    result = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancellation_requested = table.Column<bool>(type: "boolean", nullable: false),
                    cancellation_requested_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_job_runs_kind_queued_at",
                schema: "platform",
                table: "job_runs",
                columns: new[] { "kind", "queued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_job_runs_queued_at",
                schema: "platform",
                table: "job_runs",
                column: "queued_at");

            migrationBuilder.CreateIndex(
                name: "ix_job_runs_state",
                schema: "platform",
                table: "job_runs",
                column: "state");

            // Quartz's own tables (ADR 0008): its 4.7.3 script, kept when the migrations are regenerated.
            Wenjiu.Platform.Jobs.QuartzSchema.Create(migrationBuilder, isSqlite: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Wenjiu.Platform.Jobs.QuartzSchema.Drop(migrationBuilder, isSqlite: false);

            migrationBuilder.DropTable(
                name: "job_runs",
                schema: "platform");
        }
    }
}
