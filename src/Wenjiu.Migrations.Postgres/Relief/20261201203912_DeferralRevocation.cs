using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Relief
{
    /// <inheritdoc />
    public partial class DeferralRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "revocation_reason",
                schema: "relief",
                table: "deferrals",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "revoked_at",
                schema: "relief",
                table: "deferrals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "revoked_by",
                schema: "relief",
                table: "deferrals",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "revocation_reason",
                schema: "relief",
                table: "deferrals");

            migrationBuilder.DropColumn(
                name: "revoked_at",
                schema: "relief",
                table: "deferrals");

            migrationBuilder.DropColumn(
                name: "revoked_by",
                schema: "relief",
                table: "deferrals");
        }
    }
}
