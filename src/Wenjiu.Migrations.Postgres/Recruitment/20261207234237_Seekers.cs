using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Recruitment
{
    /// <inheritdoc />
    public partial class Seekers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "resume_entries",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    seeker_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: true),
                    to = table.Column<DateOnly>(type: "date", nullable: true),
                    organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    occupation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resume_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "seeker_consents",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    seeker_id = table.Column<long>(type: "bigint", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seeker_consents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "seekers",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    education = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    school = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    major = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    graduation_year = table.Column<int>(type: "integer", nullable: true),
                    origin_county = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    skills = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    wanted_occupations = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    pay_min = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    open_to_recommendations = table.Column<bool>(type: "boolean", nullable: false),
                    taxonomy_version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seekers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_resume_entries_seeker_id",
                schema: "recruitment",
                table: "resume_entries",
                column: "seeker_id");

            migrationBuilder.CreateIndex(
                name: "ix_seeker_consents_seeker_id_uscc",
                schema: "recruitment",
                table: "seeker_consents",
                columns: new[] { "seeker_id", "uscc" });

            migrationBuilder.CreateIndex(
                name: "ix_seekers_person_id",
                schema: "recruitment",
                table: "seekers",
                column: "person_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_seekers_user_name",
                schema: "recruitment",
                table: "seekers",
                column: "user_name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "resume_entries",
                schema: "recruitment");

            migrationBuilder.DropTable(
                name: "seeker_consents",
                schema: "recruitment");

            migrationBuilder.DropTable(
                name: "seekers",
                schema: "recruitment");
        }
    }
}
