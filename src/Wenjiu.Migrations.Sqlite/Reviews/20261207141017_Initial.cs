using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Reviews
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reviews_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    district = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    title_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: true),
                    due_at = table.Column<string>(type: "TEXT", nullable: false),
                    candidate_group = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    refusal_reasons = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    detail_path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    assignee = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    needs_second_review = table.Column<bool>(type: "INTEGER", nullable: false),
                    first_approver = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    first_approved_at = table.Column<string>(type: "TEXT", nullable: true),
                    paused_at = table.Column<string>(type: "TEXT", nullable: true),
                    question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    answer_files = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    answered_at = table.Column<string>(type: "TEXT", nullable: true),
                    escalated_at = table.Column<string>(type: "TEXT", nullable: true),
                    opened_at = table.Column<string>(type: "TEXT", nullable: false),
                    opened_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    decided_at = table.Column<string>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    second_reviewer = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    reason_codes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    changed_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reviews_deferral_applications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    first_month = table.Column<int>(type: "INTEGER", nullable: false),
                    last_month = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    evidence_files = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    submitted_at = table.Column<string>(type: "TEXT", nullable: false),
                    task_id = table.Column<long>(type: "INTEGER", nullable: true),
                    deferral_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews_deferral_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_reviews_deferral_applications_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "reviews_tasks",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "reviews_size_objections",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    published = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    claimed = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    evidence_files = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    submitted_at = table.Column<string>(type: "TEXT", nullable: false),
                    task_id = table.Column<long>(type: "INTEGER", nullable: true),
                    reclassified_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews_size_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_reviews_size_objections_reviews_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "reviews_tasks",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "reviews_task_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    task_id = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    at = table.Column<string>(type: "TEXT", nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews_task_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_reviews_task_entries_reviews_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "reviews_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reviews_deferral_applications_task_id",
                table: "reviews_deferral_applications",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reviews_deferral_applications_uscc_idempotency_key",
                table: "reviews_deferral_applications",
                columns: new[] { "uscc", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reviews_size_objections_task_id",
                table: "reviews_size_objections",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reviews_size_objections_uscc_idempotency_key",
                table: "reviews_size_objections",
                columns: new[] { "uscc", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reviews_task_entries_task_id",
                table: "reviews_task_entries",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_tasks_assignee_status_due_at",
                table: "reviews_tasks",
                columns: new[] { "assignee", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reviews_tasks_kind_subject_id",
                table: "reviews_tasks",
                columns: new[] { "kind", "subject_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reviews_tasks_status_due_at",
                table: "reviews_tasks",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reviews_tasks_uscc",
                table: "reviews_tasks",
                column: "uscc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reviews_deferral_applications");

            migrationBuilder.DropTable(
                name: "reviews_size_objections");

            migrationBuilder.DropTable(
                name: "reviews_task_entries");

            migrationBuilder.DropTable(
                name: "reviews_tasks");
        }
    }
}
