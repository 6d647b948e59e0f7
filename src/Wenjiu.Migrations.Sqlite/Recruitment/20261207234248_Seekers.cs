using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Recruitment
{
    /// <inheritdoc />
    public partial class Seekers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recruitment_resume_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    seeker_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_resume_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recruitment_seeker_consents",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    seeker_id = table.Column<long>(type: "INTEGER", nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    granted_at = table.Column<string>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_seeker_consents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recruitment_seekers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    phone_cipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    district = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    education = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    school = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    major = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    graduation_year = table.Column<int>(type: "INTEGER", nullable: true),
                    origin_county = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    skills = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    wanted_occupations = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    pay_min = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    open_to_recommendations = table.Column<bool>(type: "INTEGER", nullable: false),
                    taxonomy_version = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_seekers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_resume_entries_seeker_id",
                table: "recruitment_resume_entries",
                column: "seeker_id");

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_seeker_consents_seeker_id_uscc",
                table: "recruitment_seeker_consents",
                columns: new[] { "seeker_id", "uscc" });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_seekers_person_id",
                table: "recruitment_seekers",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_seekers_user_name",
                table: "recruitment_seekers",
                column: "user_name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recruitment_resume_entries");

            migrationBuilder.DropTable(
                name: "recruitment_seeker_consents");

            migrationBuilder.DropTable(
                name: "recruitment_seekers");
        }
    }
}
