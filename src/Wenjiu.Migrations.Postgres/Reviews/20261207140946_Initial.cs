using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Reviews
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "reviews");

            migrationBuilder.CreateTable(
                name: "tasks",
                schema: "reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    title_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    candidate_group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    refusal_reasons = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    detail_path = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    assignee = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    needs_second_review = table.Column<bool>(type: "boolean", nullable: false),
                    first_approver = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    first_approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    answer_files = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    second_reviewer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    reason_codes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deferral_applications",
                schema: "reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    first_month = table.Column<int>(type: "integer", nullable: false),
                    last_month = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    evidence_files = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    task_id = table.Column<long>(type: "bigint", nullable: true),
                    deferral_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deferral_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_deferral_applications_tasks_task_id",
                        column: x => x.task_id,
                        principalSchema: "reviews",
                        principalTable: "tasks",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "size_objections",
                schema: "reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    published = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    claimed = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    evidence_files = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    task_id = table.Column<long>(type: "bigint", nullable: true),
                    reclassified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_size_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_size_objections_tasks_task_id",
                        column: x => x.task_id,
                        principalSchema: "reviews",
                        principalTable: "tasks",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "task_entries",
                schema: "reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_entries_tasks_task_id",
                        column: x => x.task_id,
                        principalSchema: "reviews",
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_deferral_applications_task_id",
                schema: "reviews",
                table: "deferral_applications",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deferral_applications_uscc_idempotency_key",
                schema: "reviews",
                table: "deferral_applications",
                columns: new[] { "uscc", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_size_objections_task_id",
                schema: "reviews",
                table: "size_objections",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_size_objections_uscc_idempotency_key",
                schema: "reviews",
                table: "size_objections",
                columns: new[] { "uscc", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_entries_task_id",
                schema: "reviews",
                table: "task_entries",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_assignee_status_due_at",
                schema: "reviews",
                table: "tasks",
                columns: new[] { "assignee", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_kind_subject_id",
                schema: "reviews",
                table: "tasks",
                columns: new[] { "kind", "subject_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_status_due_at",
                schema: "reviews",
                table: "tasks",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_uscc",
                schema: "reviews",
                table: "tasks",
                column: "uscc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deferral_applications",
                schema: "reviews");

            migrationBuilder.DropTable(
                name: "size_objections",
                schema: "reviews");

            migrationBuilder.DropTable(
                name: "task_entries",
                schema: "reviews");

            migrationBuilder.DropTable(
                name: "tasks",
                schema: "reviews");
        }
    }
}
