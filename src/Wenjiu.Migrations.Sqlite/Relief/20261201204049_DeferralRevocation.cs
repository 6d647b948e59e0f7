using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Relief
{
    /// <inheritdoc />
    public partial class DeferralRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "revocation_reason",
                table: "relief_deferrals",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "revoked_at",
                table: "relief_deferrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "revoked_by",
                table: "relief_deferrals",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "revocation_reason",
                table: "relief_deferrals");

            migrationBuilder.DropColumn(
                name: "revoked_at",
                table: "relief_deferrals");

            migrationBuilder.DropColumn(
                name: "revoked_by",
                table: "relief_deferrals");
        }
    }
}
