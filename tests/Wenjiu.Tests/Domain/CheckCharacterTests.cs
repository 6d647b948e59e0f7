using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Tests.Domain;

/// <summary>The published examples of policy.md §6, each recomputed there by hand.</summary>
public sealed class CheckCharacterTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("120223198902021249")]
    [InlineData("130132199210293822")]
    [InlineData("110105199003071239")]
    [InlineData("110108198511204565")]
    [InlineData("110112197802150026")]
    public void Published_valid_identity_numbers_are_accepted(string number) =>
        Assert.True(ResidentIdentityNumber.Validate(number).IsValid);

    [Fact]
    public void An_identity_number_with_a_wrong_check_character_names_the_right_one()
    {
        var result = ResidentIdentityNumber.Validate("130402198207290622");

        Assert.Equal(IdNumberProblem.WrongCheckCharacter, result.Problem);
        Assert.Equal('4', result.Expected);
    }

    [Fact]
    public void A_lower_case_x_check_character_is_accepted() =>
        Assert.True(ResidentIdentityNumber.Validate("11010519491231002x").IsValid);

    [Theory]
    [InlineData("", IdNumberProblem.Missing)]
    [InlineData("11010519491231002", IdNumberProblem.WrongLength)]
    [InlineData("1101051949123100AX", IdNumberProblem.NotDigits)]
    [InlineData("110105194902300021", IdNumberProblem.InvalidBirthDate)]
    [InlineData("110105194913010021", IdNumberProblem.InvalidBirthDate)]
    public void Malformed_identity_numbers_say_what_is_wrong(string number, IdNumberProblem problem) =>
        Assert.Equal(problem, ResidentIdentityNumber.Validate(number).Problem);

    [Fact]
    public void The_worked_identity_example_computes_X() =>
        Assert.Equal('X', ResidentIdentityNumber.CheckCharacter("11010519491231002"));

    [Fact]
    public void Birth_date_and_gender_come_from_the_number()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), ResidentIdentityNumber.BirthDate("11010519491231002X"));
        Assert.Equal(Gender.Female, ResidentIdentityNumber.GenderOf("11010519491231002X"));
        Assert.Equal(Gender.Male, ResidentIdentityNumber.GenderOf("110105199003071239"));
    }

    [Theory]
    [InlineData("91110000600037341L")]
    [InlineData("91110108551385082Q")]
    [InlineData("91110000101623741K")]
    [InlineData("911101066976941872")]
    public void Published_valid_credit_codes_are_accepted(string code) =>
        Assert.True(UnifiedSocialCreditCode.Validate(code).IsValid);

    [Fact]
    public void The_worked_credit_code_example_computes_L_and_its_organisation_check_1()
    {
        Assert.Equal('L', UnifiedSocialCreditCode.CheckCharacter("91110000600037341"));
        Assert.Equal('1', UnifiedSocialCreditCode.OrganisationCheckCharacter("60003734"));
    }

    [Fact]
    public void The_pilot_era_code_fails_its_check_and_names_R() =>
        Assert.Equal(new UsccValidation(UsccProblem.WrongCheckCharacter, 18, 'R'), UnifiedSocialCreditCode.Validate("91350211M0000XUF46"));

    [Theory]
    [InlineData("91110000600037341M", UsccProblem.WrongCheckCharacter)]
    [InlineData("9111000060003734", UsccProblem.WrongLength)]
    [InlineData("91110000600037341I", UsccProblem.InvalidCharacter)]
    [InlineData("91110000600O37341L", UsccProblem.InvalidCharacter)]
    [InlineData(null, UsccProblem.Missing)]
    public void Malformed_credit_codes_say_what_is_wrong(string? code, UsccProblem problem) =>
        Assert.Equal(problem, UnifiedSocialCreditCode.Validate(code).Problem);

    [Theory]
    [InlineData("91110000600037341L", EntityType.Enterprise)]
    [InlineData("92110105MA00000000", EntityType.IndividualBusiness)]
    [InlineData("51110000500000000X", EntityType.SocialGroup)]
    [InlineData("52110000500000000X", EntityType.PrivateNonEnterpriseUnit)]
    [InlineData("53110000500000000X", EntityType.Foundation)]
    [InlineData("11110000000000000X", EntityType.GovernmentOrgan)]
    [InlineData("12110000400000000X", EntityType.PublicInstitution)]
    [InlineData("93110000MA00000000", EntityType.FarmersCooperative)]
    [InlineData("Y1110000MA00000000", EntityType.Other)]
    public void The_entity_type_comes_from_the_first_two_characters(string code, EntityType type) =>
        Assert.Equal(type, UnifiedSocialCreditCode.EntityTypeOf(code));
}
