using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Relief
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "relief");

            migrationBuilder.CreateTable(
                name: "assessment_runs",
                schema: "relief",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_current = table.Column<bool>(type: "boolean", nullable: false),
                    rule_set_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rule_set_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    parameters_json = table.Column<string>(type: "text", nullable: false),
                    started_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    employers_done = table.Column<int>(type: "integer", nullable: false),
                    employers = table.Column<int>(type: "integer", nullable: false),
                    insured = table.Column<int>(type: "integer", nullable: false),
                    employer_due = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    employer_relief = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    employer_payable = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    employee_payable = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    deferred = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "deferrals",
                schema: "relief",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    first_month = table.Column<int>(type: "integer", nullable: false),
                    last_month = table.Column<int>(type: "integer", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deferrals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scenarios",
                schema: "relief",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    overrides_yaml = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scenarios", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "employer_assessments",
                schema: "relief",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    report_class = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    size_class = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    industry = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    insured = table.Column<int>(type: "integer", nullable: false),
                    pension_employer_due = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    pension_employer_relief = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    pension_employer_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    pension_employee_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    unemployment_employer_due = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    unemployment_employer_relief = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    unemployment_employer_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    unemployment_employee_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    work_injury_employer_due = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    work_injury_employer_relief = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    work_injury_employer_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    work_injury_employee_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    medical_employer_due = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    medical_employer_relief = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    medical_employer_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    medical_employee_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    maternity_employer_due = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    maternity_employer_relief = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    maternity_employer_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    maternity_employee_payable = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    deferred = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employer_assessments", x => new { x.run_id, x.uscc });
                    table.ForeignKey(
                        name: "fk_employer_assessments_assessment_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "relief",
                        principalTable: "assessment_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scenario_runs",
                schema: "relief",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scenario_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_month = table.Column<int>(type: "integer", nullable: false),
                    last_month = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rule_set_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    started_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    months_done = table.Column<int>(type: "integer", nullable: false),
                    message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scenario_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_scenario_runs_scenarios_scenario_id",
                        column: x => x.scenario_id,
                        principalSchema: "relief",
                        principalTable: "scenarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scenario_results",
                schema: "relief",
                columns: table => new
                {
                    scenario_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    report_class = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    employers = table.Column<int>(type: "integer", nullable: false),
                    insured = table.Column<int>(type: "integer", nullable: false),
                    baseline_employer_due = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    baseline_employer_relief = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    baseline_employer_payable = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    scenario_employer_due = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    scenario_employer_relief = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    scenario_employer_payable = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scenario_results", x => new { x.scenario_run_id, x.month, x.report_class });
                    table.ForeignKey(
                        name: "fk_scenario_results_scenario_runs_scenario_run_id",
                        column: x => x.scenario_run_id,
                        principalSchema: "relief",
                        principalTable: "scenario_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_runs_month_is_current",
                schema: "relief",
                table: "assessment_runs",
                columns: new[] { "month", "is_current" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_runs_month_version",
                schema: "relief",
                table: "assessment_runs",
                columns: new[] { "month", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deferrals_uscc_first_month",
                schema: "relief",
                table: "deferrals",
                columns: new[] { "uscc", "first_month" });

            migrationBuilder.CreateIndex(
                name: "ix_employer_assessments_uscc",
                schema: "relief",
                table: "employer_assessments",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_scenario_runs_scenario_id",
                schema: "relief",
                table: "scenario_runs",
                column: "scenario_id");

            migrationBuilder.CreateIndex(
                name: "ix_scenarios_name",
                schema: "relief",
                table: "scenarios",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deferrals",
                schema: "relief");

            migrationBuilder.DropTable(
                name: "employer_assessments",
                schema: "relief");

            migrationBuilder.DropTable(
                name: "scenario_results",
                schema: "relief");

            migrationBuilder.DropTable(
                name: "assessment_runs",
                schema: "relief");

            migrationBuilder.DropTable(
                name: "scenario_runs",
                schema: "relief");

            migrationBuilder.DropTable(
                name: "scenarios",
                schema: "relief");
        }
    }
}
