using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Ledger
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "ledger");

            migrationBuilder.CreateTable(
                name: "key_enterprises",
                schema: "ledger",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    designated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    designated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_key_enterprises", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lines",
                schema: "ledger",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    employer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    occupation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    headcount = table.Column<int>(type: "integer", nullable: false),
                    hired = table.Column<int>(type: "integer", nullable: false),
                    must_have_skills = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    nice_to_have_skills = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    site = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    pay_min = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    pay_max = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    start_on = table.Column<DateOnly>(type: "date", nullable: false),
                    shifts = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    specialist = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_contact_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmation_asked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "specialists",
                schema: "ledger",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    districts = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_specialists", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "confirmation_tokens",
                schema: "ledger",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    line_id = table.Column<long>(type: "bigint", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_confirmation_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_confirmation_tokens_lines_line_id",
                        column: x => x.line_id,
                        principalSchema: "ledger",
                        principalTable: "lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funnel",
                schema: "ledger",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    line_id = table.Column<long>(type: "bigint", nullable: false),
                    candidate_id = table.Column<long>(type: "bigint", nullable: false),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    stage_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funnel", x => x.id);
                    table.ForeignKey(
                        name: "fk_funnel_lines_line_id",
                        column: x => x.line_id,
                        principalSchema: "ledger",
                        principalTable: "lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "line_events",
                schema: "ledger",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    line_id = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_line_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_line_events_lines_line_id",
                        column: x => x.line_id,
                        principalSchema: "ledger",
                        principalTable: "lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_confirmation_tokens_line_id",
                schema: "ledger",
                table: "confirmation_tokens",
                column: "line_id");

            migrationBuilder.CreateIndex(
                name: "ix_confirmation_tokens_token_hash",
                schema: "ledger",
                table: "confirmation_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_funnel_candidate_id",
                schema: "ledger",
                table: "funnel",
                column: "candidate_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_funnel_line_id",
                schema: "ledger",
                table: "funnel",
                column: "line_id");

            migrationBuilder.CreateIndex(
                name: "ix_funnel_person_id_uscc",
                schema: "ledger",
                table: "funnel",
                columns: new[] { "person_id", "uscc" });

            migrationBuilder.CreateIndex(
                name: "ix_key_enterprises_uscc",
                schema: "ledger",
                table: "key_enterprises",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_line_events_line_id",
                schema: "ledger",
                table: "line_events",
                column: "line_id");

            migrationBuilder.CreateIndex(
                name: "ix_lines_specialist_status",
                schema: "ledger",
                table: "lines",
                columns: new[] { "specialist", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_lines_status",
                schema: "ledger",
                table: "lines",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_lines_uscc_idempotency_key",
                schema: "ledger",
                table: "lines",
                columns: new[] { "uscc", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "confirmation_tokens",
                schema: "ledger");

            migrationBuilder.DropTable(
                name: "funnel",
                schema: "ledger");

            migrationBuilder.DropTable(
                name: "key_enterprises",
                schema: "ledger");

            migrationBuilder.DropTable(
                name: "line_events",
                schema: "ledger");

            migrationBuilder.DropTable(
                name: "specialists",
                schema: "ledger");

            migrationBuilder.DropTable(
                name: "lines",
                schema: "ledger");
        }
    }
}
