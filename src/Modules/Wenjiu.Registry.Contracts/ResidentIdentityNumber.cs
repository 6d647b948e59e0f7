using System.Globalization;

namespace Wenjiu.Registry.Contracts;

public enum IdNumberProblem
{
    None,
    Missing,
    WrongLength,
    NotDigits,
    InvalidBirthDate,
    WrongCheckCharacter,
}

public sealed record IdNumberValidation(IdNumberProblem Problem, char Expected = '\0')
{
    public bool IsValid => Problem == IdNumberProblem.None;

    public string Describe() => Problem switch
    {
        IdNumberProblem.None => "valid",
        IdNumberProblem.Missing => "the identity number is missing",
        IdNumberProblem.WrongLength => "an identity number has 18 characters",
        IdNumberProblem.NotDigits => "the first 17 characters must be digits and the last a digit or X",
        IdNumberProblem.InvalidBirthDate => "characters 7-14 are not a real birth date",
        IdNumberProblem.WrongCheckCharacter => $"the check character (18th) should be {Expected}",
        _ => Problem.ToString(),
    };
}

/// <summary>Resident identity number, GB 11643-1999, ISO 7064 MOD 11-2 (policy.md §6a).</summary>
public static class ResidentIdentityNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Validates structure, birth date and check character. Unknown area codes are accepted on purpose: old codes persist.</summary>
    public static IdNumberValidation Validate(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return new IdNumberValidation(IdNumberProblem.Missing);
        }

        if (number.Length != 18)
        {
            return new IdNumberValidation(IdNumberProblem.WrongLength);
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return new IdNumberValidation(IdNumberProblem.NotDigits);
            }
        }

        var last = char.ToUpperInvariant(number[17]);
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return new IdNumberValidation(IdNumberProblem.NotDigits);
        }

        if (BirthDate(number) is null)
        {
            return new IdNumberValidation(IdNumberProblem.InvalidBirthDate);
        }

        var expected = CheckCharacter(number.AsSpan(0, 17));
        return last == expected ? new IdNumberValidation(IdNumberProblem.None) : new IdNumberValidation(IdNumberProblem.WrongCheckCharacter, expected);
    }

    public static bool IsValid(string? number) => Validate(number).IsValid;

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static DateOnly? BirthDate(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Length >= 14
            && DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year >= 1900
            ? date
            : null;
    }

    /// <summary>The sequence digit (17th) is odd for men and even for women.</summary>
    public static Gender GenderOf(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return (number[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
    }
}

public enum Gender
{
    Female,
    Male,
}
