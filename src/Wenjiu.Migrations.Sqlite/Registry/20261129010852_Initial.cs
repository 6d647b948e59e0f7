using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Registry
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "registry_employers",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    industry = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    district = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    employees = table.Column<int>(type: "INTEGER", nullable: false),
                    revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    total_assets = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    injury_rate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 3, nullable: false),
                    key_enterprise = table.Column<bool>(type: "INTEGER", nullable: false),
                    size_class = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    check_character_overridden = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_employers", x => x.uscc);
                });

            migrationBuilder.CreateTable(
                name: "registry_employment_spells",
                columns: table => new
                {
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    employer_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    start_month = table.Column<int>(type: "INTEGER", nullable: false),
                    end_month = table.Column<int>(type: "INTEGER", nullable: true),
                    wage = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_employment_spells", x => new { x.person_id, x.employer_uscc, x.start_month });
                });

            migrationBuilder.CreateTable(
                name: "registry_import_rejections",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line = table.Column<long>(type: "INTEGER", nullable: false),
                    column = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_import_rejections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_import_request_keys",
                columns: table => new
                {
                    owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    import_run_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_import_request_keys", x => new { x.owner, x.key });
                });

            migrationBuilder.CreateTable(
                name: "registry_import_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rows_read = table.Column<long>(type: "INTEGER", nullable: false),
                    rows_imported = table.Column<long>(type: "INTEGER", nullable: false),
                    rows_rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: true),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_import_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_persons",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id_number_cipher = table.Column<byte[]>(type: "BLOB", nullable: false),
                    id_number_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    gender = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_persons", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_employers_key_enterprise_name",
                table: "registry_employers",
                column: "name",
                filter: "key_enterprise");

            migrationBuilder.CreateIndex(
                name: "ix_registry_employers_district_industry_size_class",
                table: "registry_employers",
                columns: new[] { "district", "industry", "size_class" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_employers_name",
                table: "registry_employers",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_registry_employment_spells_employer_uscc_start_month",
                table: "registry_employment_spells",
                columns: new[] { "employer_uscc", "start_month" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_import_rejections_import_run_id_line",
                table: "registry_import_rejections",
                columns: new[] { "import_run_id", "line" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_import_runs_started_at",
                table: "registry_import_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_registry_persons_id_number_hash",
                table: "registry_persons",
                column: "id_number_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_employers");

            migrationBuilder.DropTable(
                name: "registry_employment_spells");

            migrationBuilder.DropTable(
                name: "registry_import_rejections");

            migrationBuilder.DropTable(
                name: "registry_import_request_keys");

            migrationBuilder.DropTable(
                name: "registry_import_runs");

            migrationBuilder.DropTable(
                name: "registry_persons");
        }
    }
}
