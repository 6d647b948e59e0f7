using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wenjiu.Migrations.Sqlite.Recruitment
{
    /// <inheritdoc />
    public partial class SeekerOccupations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recruitment_seeker_occupations",
                columns: table => new
                {
                    occupation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    district = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    seeker_id = table.Column<long>(type: "INTEGER", nullable: false),
                    rank = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recruitment_seeker_occupations", x => new { x.occupation, x.district, x.seeker_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_recruitment_seeker_occupations_seeker_id",
                table: "recruitment_seeker_occupations",
                column: "seeker_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recruitment_seeker_occupations");
        }
    }
}
