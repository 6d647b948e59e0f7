using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Platform
{
    /// <inheritdoc />
    public partial class PlatformFilesAndApiTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<string>(type: "TEXT", nullable: true),
                    last_used_at = table.Column<string>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_api_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_stored_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    employer_uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    stored_at = table.Column<string>(type: "TEXT", nullable: false),
                    retain_until = table.Column<string>(type: "TEXT", nullable: false),
                    storage_path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_stored_files", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_platform_api_tokens_secret_hash",
                table: "platform_api_tokens",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_platform_api_tokens_user_id_name",
                table: "platform_api_tokens",
                columns: new[] { "user_id", "name" },
                unique: true,
                filter: "revoked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_platform_stored_files_employer_uscc",
                table: "platform_stored_files",
                column: "employer_uscc");

            migrationBuilder.CreateIndex(
                name: "ix_platform_stored_files_retain_until",
                table: "platform_stored_files",
                column: "retain_until");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_api_tokens");

            migrationBuilder.DropTable(
                name: "platform_stored_files");
        }
    }
}
