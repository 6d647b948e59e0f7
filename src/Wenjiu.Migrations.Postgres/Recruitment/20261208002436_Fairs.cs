using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Recruitment
{
    /// <inheritdoc />
    public partial class Fairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "booths",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    fair_id = table.Column<long>(type: "bigint", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    employer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key_enterprise = table.Column<bool>(type: "boolean", nullable: false),
                    urgency = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    posting_ids = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    registered_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booths", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fairs",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<long>(type: "bigint", nullable: true),
                    name_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registration_closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fairs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "queue_entries",
                schema: "recruitment",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    booth_id = table.Column<long>(type: "bigint", nullable: false),
                    seeker_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    called_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queue_entries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_booths_fair_id_uscc",
                schema: "recruitment",
                table: "booths",
                columns: new[] { "fair_id", "uscc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fairs_campaign_id",
                schema: "recruitment",
                table: "fairs",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_fairs_starts_at",
                schema: "recruitment",
                table: "fairs",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_queue_entries_booth_id_number",
                schema: "recruitment",
                table: "queue_entries",
                columns: new[] { "booth_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_queue_entries_booth_id_seeker_id",
                schema: "recruitment",
                table: "queue_entries",
                columns: new[] { "booth_id", "seeker_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booths",
                schema: "recruitment");

            migrationBuilder.DropTable(
                name: "campaigns",
                schema: "recruitment");

            migrationBuilder.DropTable(
                name: "fairs",
                schema: "recruitment");

            migrationBuilder.DropTable(
                name: "queue_entries",
                schema: "recruitment");
        }
    }
}
