using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Recruitment
{
    /// <inheritdoc />
    public partial class Fairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recruitment_booths",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    fair_id = table.Column<long>(type: "INTEGER", nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    employer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    key_enterprise = table.Column<bool>(type: "INTEGER", nullable: false),
                    urgency = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    posting_ids = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    registered_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_booths", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recruitment_campaigns",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recruitment_fairs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    campaign_id = table.Column<long>(type: "INTEGER", nullable: true),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    starts_at = table.Column<string>(type: "TEXT", nullable: false),
                    ends_at = table.Column<string>(type: "TEXT", nullable: false),
                    registration_closes_at = table.Column<string>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_fairs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recruitment_queue_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    booth_id = table.Column<long>(type: "INTEGER", nullable: false),
                    seeker_id = table.Column<long>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    joined_at = table.Column<string>(type: "TEXT", nullable: false),
                    called_at = table.Column<string>(type: "TEXT", nullable: true),
                    done_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_queue_entries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_booths_fair_id_uscc",
                table: "recruitment_booths",
                columns: new[] { "fair_id", "uscc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_fairs_campaign_id",
                table: "recruitment_fairs",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_fairs_starts_at",
                table: "recruitment_fairs",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_queue_entries_booth_id_number",
                table: "recruitment_queue_entries",
                columns: new[] { "booth_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_queue_entries_booth_id_seeker_id",
                table: "recruitment_queue_entries",
                columns: new[] { "booth_id", "seeker_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recruitment_booths");

            migrationBuilder.DropTable(
                name: "recruitment_campaigns");

            migrationBuilder.DropTable(
                name: "recruitment_fairs");

            migrationBuilder.DropTable(
                name: "recruitment_queue_entries");
        }
    }
}
