namespace Wenjiu.Registry.Contracts;

/// <summary>What is wrong with a unified social credit code, if anything.</summary>
public enum UsccProblem
{
    None,
    Missing,
    WrongLength,
    InvalidCharacter,
    WrongCheckCharacter,
}

public sealed record UsccValidation(UsccProblem Problem, int Position = 0, char Expected = '\0')
{
    public bool IsValid => Problem == UsccProblem.None;

    public string Describe() => Problem switch
    {
        UsccProblem.None => "valid",
        UsccProblem.Missing => "the unified social credit code is missing",
        UsccProblem.WrongLength => "a unified social credit code has 18 characters",
        UsccProblem.InvalidCharacter => $"character {Position} is not allowed (only 0-9 and A-Y without I, O, S, V, Z)",
        UsccProblem.WrongCheckCharacter => $"the check character (18th) should be {Expected}",
        _ => Problem.ToString(),
    };
}

/// <summary>Unified social credit code, GB 32100-2015 (policy.md §6b).</summary>
public static class UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static UsccValidation Validate(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new UsccValidation(UsccProblem.Missing);
        }

        if (code.Length != 18)
        {
            return new UsccValidation(UsccProblem.WrongLength);
        }

        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
            {
                return new UsccValidation(UsccProblem.InvalidCharacter, i + 1);
            }
        }

        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? new UsccValidation(UsccProblem.None) : new UsccValidation(UsccProblem.WrongCheckCharacter, 18, expected);
    }

    public static bool IsValid(string? code) => Validate(code).IsValid;

    /// <summary>Check value = 31 − (Σ value × weight mod 31), 31 written as 0.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"Character {i + 1} is not in the code alphabet.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>Organisation-code check (position 17) over positions 9–16, GB 11714.</summary>
    public static char OrganisationCheckCharacter(ReadOnlySpan<char> first8)
    {
        ReadOnlySpan<int> weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += Alphabet.IndexOf(first8[i], StringComparison.Ordinal) * weights[i];
        }

        var c = 11 - (sum % 11);
        return c switch { 10 => 'X', 11 => '0', _ => (char)('0' + c) };
    }

    /// <summary>The kind of registered entity, from the registration authority (1st) and type (2nd) characters.</summary>
    public static EntityType EntityTypeOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length < 2 ? EntityType.Other : code[..2] switch
        {
            "11" => EntityType.GovernmentOrgan,
            "12" => EntityType.PublicInstitution,
            "51" => EntityType.SocialGroup,
            "52" => EntityType.PrivateNonEnterpriseUnit,
            "53" => EntityType.Foundation,
            "91" => EntityType.Enterprise,
            "92" => EntityType.IndividualBusiness,
            "93" => EntityType.FarmersCooperative,
            _ when code[0] == '1' => EntityType.OtherInstitution,
            _ when code[0] == '5' => EntityType.OtherSocialOrganisation,
            _ when code[0] == '9' => EntityType.OtherMarketEntity,
            _ => EntityType.Other,
        };
    }
}

/// <summary>The entity type encoded in the code's first two characters.</summary>
public enum EntityType
{
    Enterprise,
    IndividualBusiness,
    FarmersCooperative,
    OtherMarketEntity,
    SocialGroup,
    PrivateNonEnterpriseUnit,
    Foundation,
    OtherSocialOrganisation,
    GovernmentOrgan,
    PublicInstitution,
    OtherInstitution,
    Other,
}
