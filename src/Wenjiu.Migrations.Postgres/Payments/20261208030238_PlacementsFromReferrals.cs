using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Payments
{
    /// <inheritdoc />
    public partial class PlacementsFromReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "id_number_hash",
                schema: "payments",
                table: "placements",
                type: "bytea",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea");

            migrationBuilder.AlterColumn<byte[]>(
                name: "id_number",
                schema: "payments",
                table: "placements",
                type: "bytea",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea");

            migrationBuilder.AddColumn<long>(
                name: "referral_candidate_id",
                schema: "payments",
                table: "placements",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                schema: "payments",
                table: "placements",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "List");

            migrationBuilder.CreateIndex(
                name: "ix_placements_agency_id_person_id_employer_uscc",
                schema: "payments",
                table: "placements",
                columns: new[] { "agency_id", "person_id", "employer_uscc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_placements_referral_candidate_id",
                schema: "payments",
                table: "placements",
                column: "referral_candidate_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_placements_agency_id_person_id_employer_uscc",
                schema: "payments",
                table: "placements");

            migrationBuilder.DropIndex(
                name: "ix_placements_referral_candidate_id",
                schema: "payments",
                table: "placements");

            migrationBuilder.DropColumn(
                name: "referral_candidate_id",
                schema: "payments",
                table: "placements");

            migrationBuilder.DropColumn(
                name: "source",
                schema: "payments",
                table: "placements");

            migrationBuilder.AlterColumn<byte[]>(
                name: "id_number_hash",
                schema: "payments",
                table: "placements",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);

            migrationBuilder.AlterColumn<byte[]>(
                name: "id_number",
                schema: "payments",
                table: "placements",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);
        }
    }
}
