using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Relief
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "relief_assessment_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_current = table.Column<bool>(type: "INTEGER", nullable: false),
                    rule_set_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    rule_set_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    employers_done = table.Column<int>(type: "INTEGER", nullable: false),
                    employers = table.Column<int>(type: "INTEGER", nullable: false),
                    insured = table.Column<int>(type: "INTEGER", nullable: false),
                    employer_due = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    employer_relief = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    employer_payable = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    employee_payable = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    deferred = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relief_assessment_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "relief_deferrals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    first_month = table.Column<int>(type: "INTEGER", nullable: false),
                    last_month = table.Column<int>(type: "INTEGER", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relief_deferrals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "relief_scenarios",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    overrides_yaml = table.Column<string>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relief_scenarios", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "relief_employer_assessments",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    report_class = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    size_class = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    district = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    industry = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    insured = table.Column<int>(type: "INTEGER", nullable: false),
                    pension_employer_due = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    pension_employer_relief = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    pension_employer_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    pension_employee_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    unemployment_employer_due = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    unemployment_employer_relief = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    unemployment_employer_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    unemployment_employee_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    work_injury_employer_due = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    work_injury_employer_relief = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    work_injury_employer_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    work_injury_employee_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    medical_employer_due = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    medical_employer_relief = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    medical_employer_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    medical_employee_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    maternity_employer_due = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    maternity_employer_relief = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    maternity_employer_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    maternity_employee_payable = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    deferred = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relief_employer_assessments", x => new { x.run_id, x.uscc });
                    table.ForeignKey(
                        name: "fk_relief_employer_assessments_relief_assessment_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "relief_assessment_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "relief_scenario_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scenario_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    first_month = table.Column<int>(type: "INTEGER", nullable: false),
                    last_month = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rule_set_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    months_done = table.Column<int>(type: "INTEGER", nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relief_scenario_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_relief_scenario_runs_relief_scenarios_scenario_id",
                        column: x => x.scenario_id,
                        principalTable: "relief_scenarios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "relief_scenario_results",
                columns: table => new
                {
                    scenario_run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    report_class = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    employers = table.Column<int>(type: "INTEGER", nullable: false),
                    insured = table.Column<int>(type: "INTEGER", nullable: false),
                    baseline_employer_due = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    baseline_employer_relief = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    baseline_employer_payable = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    scenario_employer_due = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    scenario_employer_relief = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    scenario_employer_payable = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relief_scenario_results", x => new { x.scenario_run_id, x.month, x.report_class });
                    table.ForeignKey(
                        name: "fk_relief_scenario_results_scenario_runs_scenario_run_id",
                        column: x => x.scenario_run_id,
                        principalTable: "relief_scenario_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_relief_assessment_runs_month_is_current",
                table: "relief_assessment_runs",
                columns: new[] { "month", "is_current" });

            migrationBuilder.CreateIndex(
                name: "ix_relief_assessment_runs_month_version",
                table: "relief_assessment_runs",
                columns: new[] { "month", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_relief_deferrals_uscc_first_month",
                table: "relief_deferrals",
                columns: new[] { "uscc", "first_month" });

            migrationBuilder.CreateIndex(
                name: "ix_relief_employer_assessments_uscc",
                table: "relief_employer_assessments",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_relief_scenario_runs_scenario_id",
                table: "relief_scenario_runs",
                column: "scenario_id");

            migrationBuilder.CreateIndex(
                name: "ix_relief_scenarios_name",
                table: "relief_scenarios",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "relief_deferrals");

            migrationBuilder.DropTable(
                name: "relief_employer_assessments");

            migrationBuilder.DropTable(
                name: "relief_scenario_results");

            migrationBuilder.DropTable(
                name: "relief_assessment_runs");

            migrationBuilder.DropTable(
                name: "relief_scenario_runs");

            migrationBuilder.DropTable(
                name: "relief_scenarios");
        }
    }
}
