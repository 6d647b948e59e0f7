using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Payments
{
    /// <inheritdoc />
    public partial class PlacementsFromReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "id_number_hash",
                table: "payments_placements",
                type: "BLOB",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AlterColumn<byte[]>(
                name: "id_number",
                table: "payments_placements",
                type: "BLOB",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AddColumn<long>(
                name: "referral_candidate_id",
                table: "payments_placements",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "payments_placements",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "List");

            migrationBuilder.CreateIndex(
                name: "ix_payments_placements_agency_id_person_id_employer_uscc",
                table: "payments_placements",
                columns: new[] { "agency_id", "person_id", "employer_uscc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_placements_referral_candidate_id",
                table: "payments_placements",
                column: "referral_candidate_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payments_placements_agency_id_person_id_employer_uscc",
                table: "payments_placements");

            migrationBuilder.DropIndex(
                name: "ix_payments_placements_referral_candidate_id",
                table: "payments_placements");

            migrationBuilder.DropColumn(
                name: "referral_candidate_id",
                table: "payments_placements");

            migrationBuilder.DropColumn(
                name: "source",
                table: "payments_placements");

            migrationBuilder.AlterColumn<byte[]>(
                name: "id_number_hash",
                table: "payments_placements",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "BLOB",
                oldNullable: true);

            migrationBuilder.AlterColumn<byte[]>(
                name: "id_number",
                table: "payments_placements",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "BLOB",
                oldNullable: true);
        }
    }
}
