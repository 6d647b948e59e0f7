using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Recruitment
{
    /// <inheritdoc />
    public partial class Interviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recruitment_interviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    application_id = table.Column<long>(type: "INTEGER", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    starts_at = table.Column<string>(type: "TEXT", nullable: false),
                    ends_at = table.Column<string>(type: "TEXT", nullable: false),
                    link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    uid = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    day_reminder_at = table.Column<string>(type: "TEXT", nullable: true),
                    hour_reminder_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_interviews", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_interviews_application_id",
                table: "recruitment_interviews",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_interviews_status_starts_at",
                table: "recruitment_interviews",
                columns: new[] { "status", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_interviews_uid",
                table: "recruitment_interviews",
                column: "uid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recruitment_interviews");
        }
    }
}
