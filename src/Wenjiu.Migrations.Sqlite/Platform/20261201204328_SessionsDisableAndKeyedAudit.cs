using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Platform
{
    /// <inheritdoc />
    public partial class SessionsDisableAndKeyedAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "hash_version",
                table: "platform_audit_entries",
                type: "INTEGER",
                nullable: false,
                // Entries written before this migration carry plain SHA-256 hashes (version 1) until migrate keys them.
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                table: "platform_AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "platform_sign_in_sessions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    security_stamp = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_sign_in_sessions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_sign_in_sessions_expires_at",
                table: "platform_sign_in_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_sign_in_sessions_user_id",
                table: "platform_sign_in_sessions",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_sign_in_sessions");

            migrationBuilder.DropColumn(
                name: "hash_version",
                table: "platform_audit_entries");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "platform_AspNetUsers");
        }
    }
}
