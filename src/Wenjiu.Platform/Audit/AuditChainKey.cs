using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Wenjiu.Platform.Audit;

/// <summary>The key of the audit log's chain. 32 random bytes, base64; production sets it from a secret store.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>HMAC-SHA256 key of the chain. It must not live in the database the chain is in (ADR 0003).</summary>
    public string? ChainKey { get; set; }

    /// <summary>Where a development machine keeps a generated key when none is configured.</summary>
    public string GeneratedKeyFile { get; set; } = "data/audit-chain.key";
}

/// <summary>
/// Keys each entry's hash (HMAC-SHA256) with a key kept outside the database: someone who can write to the database can
/// still change an entry and recompute a plain SHA-256 chain after it, but cannot compute the keyed one (issue 7).
/// </summary>
public sealed class AuditChainKey
{
    private readonly byte[] key;

    public AuditChainKey(IOptions<AuditOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        key = Load(options.Value);
    }

    public AuditChainKey(byte[] key) => this.key = key;

    public byte[] Sign(ReadOnlySpan<byte> canonical) => HMACSHA256.HashData(key, canonical);

    private static byte[] Load(AuditOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ChainKey))
        {
            return Decode(options.ChainKey, "Audit:ChainKey");
        }

        // A development machine gets a key generated once and kept beside the SQLite database (as the personal-data keys).
        var file = Path.GetFullPath(options.GeneratedKeyFile);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + Environment.NewLine);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return Decode(File.ReadAllText(file).Trim(), $"the key in {file}");
    }

    private static byte[] Decode(string base64, string name)
    {
        var bytes = Convert.FromBase64String(base64);
        return bytes.Length == 32 ? bytes : throw new InvalidOperationException($"{name} must be 32 bytes in base64, got {bytes.Length} bytes.");
    }
}
