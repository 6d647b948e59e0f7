using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Ledger
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_key_enterprises",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    designated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    designated_at = table.Column<string>(type: "TEXT", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_key_enterprises", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    employer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    title_zh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    headcount = table.Column<int>(type: "INTEGER", nullable: false),
                    hired = table.Column<int>(type: "INTEGER", nullable: false),
                    must_have_skills = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    nice_to_have_skills = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    district = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    pay_min = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    pay_max = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    start_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    shifts = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    specialist = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    assigned_at = table.Column<string>(type: "TEXT", nullable: true),
                    first_contact_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    confirmed_at = table.Column<string>(type: "TEXT", nullable: false),
                    confirmation_asked_at = table.Column<string>(type: "TEXT", nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_lines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_specialists",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    districts = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_specialists", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "ledger_confirmation_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    line_id = table.Column<long>(type: "INTEGER", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    used_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_confirmation_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_confirmation_tokens_lines_line_id",
                        column: x => x.line_id,
                        principalTable: "ledger_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_funnel",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    line_id = table.Column<long>(type: "INTEGER", nullable: false),
                    candidate_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    stage_at = table.Column<string>(type: "TEXT", nullable: false),
                    hired_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_funnel", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_funnel_lines_line_id",
                        column: x => x.line_id,
                        principalTable: "ledger_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_line_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    line_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<string>(type: "TEXT", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_line_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_line_events_ledger_lines_line_id",
                        column: x => x.line_id,
                        principalTable: "ledger_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_confirmation_tokens_line_id",
                table: "ledger_confirmation_tokens",
                column: "line_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_confirmation_tokens_token_hash",
                table: "ledger_confirmation_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_funnel_candidate_id",
                table: "ledger_funnel",
                column: "candidate_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_funnel_line_id",
                table: "ledger_funnel",
                column: "line_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_funnel_person_id_uscc",
                table: "ledger_funnel",
                columns: new[] { "person_id", "uscc" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_key_enterprises_uscc",
                table: "ledger_key_enterprises",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_line_events_line_id",
                table: "ledger_line_events",
                column: "line_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_lines_specialist_status",
                table: "ledger_lines",
                columns: new[] { "specialist", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_lines_status",
                table: "ledger_lines",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_lines_uscc_idempotency_key",
                table: "ledger_lines",
                columns: new[] { "uscc", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_confirmation_tokens");

            migrationBuilder.DropTable(
                name: "ledger_funnel");

            migrationBuilder.DropTable(
                name: "ledger_key_enterprises");

            migrationBuilder.DropTable(
                name: "ledger_line_events");

            migrationBuilder.DropTable(
                name: "ledger_specialists");

            migrationBuilder.DropTable(
                name: "ledger_lines");
        }
    }
}
