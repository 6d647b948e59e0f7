using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Recruitment
{
    /// <inheritdoc />
    public partial class ApplicationsPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recruitment_application_stage_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    application_id = table.Column<long>(type: "INTEGER", nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    to = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    refusal_reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_application_stage_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recruitment_applications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    posting_id = table.Column<long>(type: "INTEGER", nullable: false),
                    seeker_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    demand_line_id = table.Column<long>(type: "INTEGER", nullable: true),
                    stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    refusal_reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    routes = table.Column<int>(type: "INTEGER", nullable: false),
                    agency_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    applied_at = table.Column<string>(type: "TEXT", nullable: false),
                    stage_changed_at = table.Column<string>(type: "TEXT", nullable: false),
                    no_shows = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_applications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_application_stage_changes_application_id",
                table: "recruitment_application_stage_changes",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_applications_posting_id_seeker_id",
                table: "recruitment_applications",
                columns: new[] { "posting_id", "seeker_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_applications_seeker_id_idempotency_key",
                table: "recruitment_applications",
                columns: new[] { "seeker_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_applications_uscc_seeker_id",
                table: "recruitment_applications",
                columns: new[] { "uscc", "seeker_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recruitment_application_stage_changes");

            migrationBuilder.DropTable(
                name: "recruitment_applications");
        }
    }
}
