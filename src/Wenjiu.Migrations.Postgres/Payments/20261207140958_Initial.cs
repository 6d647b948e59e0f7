using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Payments
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "payments");

            migrationBuilder.CreateTable(
                name: "agencies",
                schema: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    licence_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    registered_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    verified_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agencies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "distressed_applications",
                schema: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    year = table.Column<int>(type: "integer", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    insured = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    applied_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distressed_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payee_accounts",
                schema: "payments",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    holder_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    account = table.Column<byte[]>(type: "bytea", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payee_accounts", x => x.uscc);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                schema: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payee_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    payee_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bank_account = table.Column<byte[]>(type: "bytea", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    purpose_zh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    purpose_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source_kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    batch_number = table.Column<int>(type: "integer", nullable: true),
                    exported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payout_batches",
                schema: "payments",
                columns: table => new
                {
                    number = table.Column<int>(type: "integer", nullable: false),
                    payments = table.Column<int>(type: "integer", nullable: false),
                    total = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_batches", x => x.number);
                });

            migrationBuilder.CreateTable(
                name: "refund_results",
                schema: "payments",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    industry = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    eligible = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    months = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    insured_at_baseline = table.Column<int>(type: "integer", nullable: false),
                    insured_at_year_end = table.Column<int>(type: "integer", nullable: false),
                    layoff_rate = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: true),
                    fewer_separations = table.Column<int>(type: "integer", nullable: true),
                    unemployment_paid = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    refund = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_results", x => new { x.year, x.uscc });
                });

            migrationBuilder.CreateTable(
                name: "refund_runs",
                schema: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    year = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rules_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    started_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    employers = table.Column<int>(type: "integer", nullable: false),
                    eligible = table.Column<int>(type: "integer", nullable: false),
                    refund = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "placements",
                schema: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agency_id = table.Column<long>(type: "bigint", nullable: false),
                    id_number = table.Column<byte[]>(type: "bytea", nullable: false),
                    id_number_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    employer_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    placed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    person_id = table.Column<long>(type: "bigint", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_placements", x => x.id);
                    table.ForeignKey(
                        name: "fk_placements_agencies_agency_id",
                        column: x => x.agency_id,
                        principalSchema: "payments",
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_claims",
                schema: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agency_id = table.Column<long>(type: "bigint", nullable: false),
                    tier = table.Column<int>(type: "integer", nullable: false),
                    confirmed_persons = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_subsidy_claims_agencies_agency_id",
                        column: x => x.agency_id,
                        principalSchema: "payments",
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_reversals",
                schema: "payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payment_id = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    reversed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    reversed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_reversals", x => x.id);
                    table.ForeignKey(
                        name: "fk_payment_reversals_payments_payment_id",
                        column: x => x.payment_id,
                        principalSchema: "payments",
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agencies_uscc",
                schema: "payments",
                table: "agencies",
                column: "uscc",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_distressed_applications_uscc_year",
                schema: "payments",
                table: "distressed_applications",
                columns: new[] { "uscc", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_reversals_payment_id",
                schema: "payments",
                table: "payment_reversals",
                column: "payment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_batch_number",
                schema: "payments",
                table: "payments",
                column: "batch_number");

            migrationBuilder.CreateIndex(
                name: "ix_payments_payee_uscc",
                schema: "payments",
                table: "payments",
                column: "payee_uscc");

            migrationBuilder.CreateIndex(
                name: "ix_payments_reference",
                schema: "payments",
                table: "payments",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_source_kind_source_id",
                schema: "payments",
                table: "payments",
                columns: new[] { "source_kind", "source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payout_batches_idempotency_key",
                schema: "payments",
                table: "payout_batches",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_placements_agency_id_id_number_hash_employer_uscc",
                schema: "payments",
                table: "placements",
                columns: new[] { "agency_id", "id_number_hash", "employer_uscc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_placements_agency_id_idempotency_key",
                schema: "payments",
                table: "placements",
                columns: new[] { "agency_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_placements_id_number_hash",
                schema: "payments",
                table: "placements",
                column: "id_number_hash");

            migrationBuilder.CreateIndex(
                name: "ix_placements_person_id",
                schema: "payments",
                table: "placements",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_refund_results_year_reason",
                schema: "payments",
                table: "refund_results",
                columns: new[] { "year", "reason" });

            migrationBuilder.CreateIndex(
                name: "ix_refund_runs_year",
                schema: "payments",
                table: "refund_runs",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_claims_agency_id",
                schema: "payments",
                table: "subsidy_claims",
                column: "agency_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "distressed_applications",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "payee_accounts",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "payment_reversals",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "payout_batches",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "placements",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "refund_results",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "refund_runs",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "subsidy_claims",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "payments",
                schema: "payments");

            migrationBuilder.DropTable(
                name: "agencies",
                schema: "payments");
        }
    }
}
