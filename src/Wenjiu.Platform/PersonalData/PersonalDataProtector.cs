using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Wenjiu.Platform.PersonalData;

/// <summary>Keys for personal data at rest. Both are 32 random bytes, base64; production sets them from a secret store.</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>AES-256-GCM key that encrypts identity and phone numbers.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>HMAC-SHA256 key for the look-up hash stored beside each encrypted value.</summary>
    public string? LookupKey { get; set; }

    /// <summary>Where a development machine keeps generated keys when none are configured.</summary>
    public string GeneratedKeyFile { get; set; } = "data/personal-data.keys";
}

/// <summary>
/// Encrypts identity numbers at rest and gives each a keyed hash for exact look-up (DESIGN.md, personal data).
/// Encryption is randomised (AES-GCM with a fresh nonce), so equality search goes through the hash.
/// </summary>
public sealed class PersonalDataProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] encryptionKey;
    private readonly byte[] lookupKey;

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (encryptionKey, lookupKey) = LoadKeys(options.Value);
    }

    public PersonalDataProtector(byte[] encryptionKey, byte[] lookupKey)
    {
        this.encryptionKey = encryptionKey;
        this.lookupKey = lookupKey;
    }

    public byte[] Encrypt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        NextNonce(nonce);
        Cipher().Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    public string Decrypt(byte[] cipher)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        var plain = new byte[cipher.Length - NonceSize - TagSize];
        Cipher().Decrypt(cipher.AsSpan(0, NonceSize), cipher.AsSpan(NonceSize + TagSize), cipher.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Keyed hash for exact look-up; upper-cased first so that a lower-case <c>x</c> finds the same person.</summary>
    public byte[] LookupHash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hmac = Hmac();
        hmac.AppendData(Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant()));
        return hmac.GetHashAndReset();
    }

    // An import encrypts and hashes millions of numbers: setting up the key schedule once per thread, not once per
    // number, halves the cost. Each thread keeps its own instance (neither type is thread-safe), tied to this key.
    [ThreadStatic]
    private static (byte[] Key, AesGcm Aes)? threadCipher;

    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hmac)? threadHmac;

    // Nonces are 96 random bits each, as before, drawn from the system's generator a few thousand at a time: one call to
    // the generator per number cost as much as the encryption itself (6 of 13 s for a city's 9.3 million numbers).
    private const int NoncesPerDraw = 4096;

    [ThreadStatic]
    private static byte[]? threadNonces;

    [ThreadStatic]
    private static int threadNonceOffset;

    private static void NextNonce(Span<byte> nonce)
    {
        if (threadNonces is null || threadNonceOffset == threadNonces.Length)
        {
            threadNonces ??= new byte[NonceSize * NoncesPerDraw];
            RandomNumberGenerator.Fill(threadNonces);
            threadNonceOffset = 0;
        }

        // Each drawn nonce is used once: it is wiped from the pool as it is taken.
        var drawn = threadNonces.AsSpan(threadNonceOffset, NonceSize);
        drawn.CopyTo(nonce);
        drawn.Clear();
        threadNonceOffset += NonceSize;
    }

    private AesGcm Cipher()
    {
        if (threadCipher is not { } cached || !ReferenceEquals(cached.Key, encryptionKey))
        {
            threadCipher?.Aes.Dispose();
            cached = (encryptionKey, new AesGcm(encryptionKey, TagSize));
            threadCipher = cached;
        }

        return cached.Aes;
    }

    private IncrementalHash Hmac()
    {
        if (threadHmac is not { } cached || !ReferenceEquals(cached.Key, lookupKey))
        {
            threadHmac?.Hmac.Dispose();
            cached = (lookupKey, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, lookupKey));
            threadHmac = cached;
        }

        return cached.Hmac;
    }

    private static (byte[] Encryption, byte[] Lookup) LoadKeys(PersonalDataOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey) && !string.IsNullOrWhiteSpace(options.LookupKey))
        {
            return (Key(options.EncryptionKey, nameof(options.EncryptionKey)), Key(options.LookupKey, nameof(options.LookupKey)));
        }

        // A development machine gets keys generated once and kept beside the SQLite database.
        var file = Path.GetFullPath(options.GeneratedKeyFile);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllLines(file, [Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))]);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var lines = File.ReadAllLines(file);
        return (Key(lines[0], "generated encryption key"), Key(lines[1], "generated look-up key"));
    }

    private static byte[] Key(string base64, string name)
    {
        var key = Convert.FromBase64String(base64);
        return key.Length == 32 ? key : throw new InvalidOperationException($"PersonalData:{name} must be 32 bytes in base64, got {key.Length} bytes.");
    }
}

/// <summary>How personal numbers are shown to people whose role does not need them in clear.</summary>
public static class Masking
{
    /// <summary><c>110105199003071239</c> becomes <c>110105********1239</c>: area code and last four kept.</summary>
    public static string IdentityNumber(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 10 ? new string('*', value.Length) : string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 10), value.AsSpan(value.Length - 4));
    }

    /// <summary><c>13812345678</c> becomes <c>*******5678</c>: the last four digits kept.</summary>
    public static string PhoneNumber(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 4 ? string.Concat(new string('*', value.Length - 4), value.AsSpan(value.Length - 4)) : "****";
    }

    /// <summary>Chinese names keep the family name: 张伟 becomes 张*.</summary>
    public static string Name(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 1 ? value : string.Concat(value.AsSpan(0, 1), new string('*', Math.Min(value.Length - 1, 3)));
    }
}
