using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Postgres.Recruitment
{
    /// <inheritdoc />
    public partial class SeekerOccupations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "seeker_occupations",
                schema: "recruitment",
                columns: table => new
                {
                    occupation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    seeker_id = table.Column<long>(type: "bigint", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seeker_occupations", x => new { x.occupation, x.district, x.seeker_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_seeker_occupations_seeker_id",
                schema: "recruitment",
                table: "seeker_occupations",
                column: "seeker_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "seeker_occupations",
                schema: "recruitment");
        }
    }
}
