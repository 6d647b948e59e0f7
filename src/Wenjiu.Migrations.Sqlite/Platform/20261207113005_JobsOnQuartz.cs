using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Platform
{
    /// <inheritdoc />
    public partial class JobsOnQuartz : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_job_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    parameters = table.Column<string>(type: "TEXT", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    progress_done = table.Column<long>(type: "INTEGER", nullable: false),
                    progress_total = table.Column<long>(type: "INTEGER", nullable: true),
                    progress_message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    max_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    result = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    queued_at = table.Column<string>(type: "TEXT", nullable: false),
                    started_at = table.Column<string>(type: "TEXT", nullable: true),
                    finished_at = table.Column<string>(type: "TEXT", nullable: true),
                    next_attempt_at = table.Column<string>(type: "TEXT", nullable: true),
                    cancellation_requested = table.Column<bool>(type: "INTEGER", nullable: false),
                    cancellation_requested_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_job_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_job_runs_kind_queued_at",
                table: "platform_job_runs",
                columns: new[] { "kind", "queued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_job_runs_queued_at",
                table: "platform_job_runs",
                column: "queued_at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_job_runs_state",
                table: "platform_job_runs",
                column: "state");

            // Quartz's own tables (ADR 0008): its 4.7.3 script, kept when the migrations are regenerated.
            Wenjiu.Platform.Jobs.QuartzSchema.Create(migrationBuilder, isSqlite: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Wenjiu.Platform.Jobs.QuartzSchema.Drop(migrationBuilder, isSqlite: true);

            migrationBuilder.DropTable(
                name: "platform_job_runs");
        }
    }
}
