using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Payments
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payments_agencies",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    licence_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    registered_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    registered_at = table.Column<string>(type: "TEXT", nullable: false),
                    verified_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    verified_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_agencies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_distressed_applications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    insured = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    applied_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    applied_at = table.Column<string>(type: "TEXT", nullable: false),
                    decided_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_distressed_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_payee_accounts",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    holder_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    account = table.Column<byte[]>(type: "BLOB", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    recorded_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_payee_accounts", x => x.uscc);
                });

            migrationBuilder.CreateTable(
                name: "payments_payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    payee_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    payee_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    bank_account = table.Column<byte[]>(type: "BLOB", nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    purpose_zh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    purpose_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source_kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    batch_number = table.Column<int>(type: "INTEGER", nullable: true),
                    exported_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_payments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_payout_batches",
                columns: table => new
                {
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    payments = table.Column<int>(type: "INTEGER", nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_payout_batches", x => x.number);
                });

            migrationBuilder.CreateTable(
                name: "payments_refund_results",
                columns: table => new
                {
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    district = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    industry = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    eligible = table.Column<bool>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    months = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    insured_at_baseline = table.Column<int>(type: "INTEGER", nullable: false),
                    insured_at_year_end = table.Column<int>(type: "INTEGER", nullable: false),
                    layoff_rate = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: true),
                    fewer_separations = table.Column<int>(type: "INTEGER", nullable: true),
                    unemployment_paid = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    refund = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_refund_results", x => new { x.year, x.uscc });
                });

            migrationBuilder.CreateTable(
                name: "payments_refund_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    rules_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    started_at = table.Column<string>(type: "TEXT", nullable: false),
                    completed_at = table.Column<string>(type: "TEXT", nullable: true),
                    employers = table.Column<int>(type: "INTEGER", nullable: false),
                    eligible = table.Column<int>(type: "INTEGER", nullable: false),
                    refund = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_refund_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_placements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    agency_id = table.Column<long>(type: "INTEGER", nullable: false),
                    id_number = table.Column<byte[]>(type: "BLOB", nullable: false),
                    id_number_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    employer_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    placed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    person_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    recorded_at = table.Column<string>(type: "TEXT", nullable: false),
                    checked_at = table.Column<string>(type: "TEXT", nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_placements", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_placements_payments_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "payments_agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_subsidy_claims",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    agency_id = table.Column<long>(type: "INTEGER", nullable: false),
                    tier = table.Column<int>(type: "INTEGER", nullable: false),
                    confirmed_persons = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    opened_at = table.Column<string>(type: "TEXT", nullable: false),
                    decided_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_subsidy_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_subsidy_claims_payments_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "payments_agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_payment_reversals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    reversed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    reversed_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_payment_reversals", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_payment_reversals_payments_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments_payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_agencies_uscc",
                table: "payments_agencies",
                column: "uscc",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_distressed_applications_uscc_year",
                table: "payments_distressed_applications",
                columns: new[] { "uscc", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_payment_reversals_payment_id",
                table: "payments_payment_reversals",
                column: "payment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_batch_number",
                table: "payments_payments",
                column: "batch_number");

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_payee_uscc",
                table: "payments_payments",
                column: "payee_uscc");

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_reference",
                table: "payments_payments",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_source_kind_source_id",
                table: "payments_payments",
                columns: new[] { "source_kind", "source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_payout_batches_idempotency_key",
                table: "payments_payout_batches",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_placements_agency_id_id_number_hash_employer_uscc",
                table: "payments_placements",
                columns: new[] { "agency_id", "id_number_hash", "employer_uscc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_placements_agency_id_idempotency_key",
                table: "payments_placements",
                columns: new[] { "agency_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_placements_id_number_hash",
                table: "payments_placements",
                column: "id_number_hash");

            migrationBuilder.CreateIndex(
                name: "ix_payments_placements_person_id",
                table: "payments_placements",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_refund_results_year_reason",
                table: "payments_refund_results",
                columns: new[] { "year", "reason" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_refund_runs_year",
                table: "payments_refund_runs",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_payments_subsidy_claims_agency_id",
                table: "payments_subsidy_claims",
                column: "agency_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_distressed_applications");

            migrationBuilder.DropTable(
                name: "payments_payee_accounts");

            migrationBuilder.DropTable(
                name: "payments_payment_reversals");

            migrationBuilder.DropTable(
                name: "payments_payout_batches");

            migrationBuilder.DropTable(
                name: "payments_placements");

            migrationBuilder.DropTable(
                name: "payments_refund_results");

            migrationBuilder.DropTable(
                name: "payments_refund_runs");

            migrationBuilder.DropTable(
                name: "payments_subsidy_claims");

            migrationBuilder.DropTable(
                name: "payments_payments");

            migrationBuilder.DropTable(
                name: "payments_agencies");
        }
    }
}
