using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Platform
{
    /// <inheritdoc />
    public partial class SessionsDisableAndKeyedAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "hash_version",
                schema: "platform",
                table: "audit_entries",
                type: "integer",
                nullable: false,
                // Entries written before this migration carry plain SHA-256 hashes (version 1) until migrate keys them.
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                schema: "platform",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sign_in_sessions",
                schema: "platform",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    security_stamp = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_sessions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_sessions_expires_at",
                schema: "platform",
                table: "sign_in_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_sessions_user_id",
                schema: "platform",
                table: "sign_in_sessions",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sign_in_sessions",
                schema: "platform");

            migrationBuilder.DropColumn(
                name: "hash_version",
                schema: "platform",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                schema: "platform",
                table: "AspNetUsers");
        }
    }
}
