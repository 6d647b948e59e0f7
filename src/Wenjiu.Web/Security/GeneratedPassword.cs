using System.Security.Cryptography;

namespace Wenjiu.Web.Security;

/// <summary>
/// A password for a new account when none is given: 20 characters from an alphabet without look-alikes
/// (about 110 bits), always with upper case, lower case and a digit so Identity's rules accept it.
/// </summary>
internal static class GeneratedPassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const int Length = 20;

    public static string Create()
    {
        const string all = Upper + Lower + Digits;
        var characters = new char[Length];
        characters[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        characters[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        characters[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        for (var i = 3; i < Length; i++)
        {
            characters[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(characters.AsSpan());
        return new string(characters);
    }
}
