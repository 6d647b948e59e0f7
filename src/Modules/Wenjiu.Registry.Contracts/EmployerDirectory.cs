namespace Wenjiu.Registry.Contracts;

/// <summary>
/// What another module (or the host) may ask of the registry about one employer by its unified social credit code,
/// without reading the registry's tables: whether it is registered, and its name.
/// </summary>
public interface IEmployerDirectory
{
    /// <summary>The registered employer's name, or null when no employer with this code is registered.</summary>
    Task<string?> NameAsync(string uscc, CancellationToken cancellationToken = default);

    /// <summary>Whether the registry holds no employer yet (a fresh installation).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>Every registered employer's code, name and key-enterprise flag, in code order, streamed (a bulk load's lookup).</summary>
    IAsyncEnumerable<DirectoryEntry> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>One employer as the directory lists it.</summary>
public sealed record DirectoryEntry(string Uscc, string Name, bool KeyEnterprise);

/// <summary>The synthetic city the demo mode loads (seed 2020, demo scale), as other modules' demo data refer to it.</summary>
public static class DemoCity
{
    public const int Seed = 2020;

    /// <summary>The demo city's first employer, for which the demo enterprise account acts (a registry test checks it).</summary>
    public const string EnterpriseUscc = "91110102190237577N";
}
