using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.SearchEmployers;

/// <summary>
/// Employer search as the page's form and the API's query string give it: every value as text, so that a wrong one
/// becomes an error naming its field rather than a binding failure.
/// </summary>
public sealed class EmployerSearch
{
    /// <summary>Part of the registered name.</summary>
    public string? Name { get; set; }

    /// <summary>The unified social credit code, or its beginning.</summary>
    public string? Code { get; set; }

    public string? District { get; set; }

    public string? Industry { get; set; }

    /// <summary><c>large</c>, <c>medium</c>, <c>small</c> or <c>micro</c>.</summary>
    public string? Size { get; set; }

    /// <summary><c>true</c> for key enterprises only, <c>false</c> for the others, empty for both.</summary>
    public string? Key { get; set; }

    public string? Page { get; set; }

    public string? PageSize { get; set; }

    /// <summary>Whether any filter is set (an empty form lists every employer in name order).</summary>
    public bool HasFilters =>
        !string.IsNullOrWhiteSpace(Name) || !string.IsNullOrWhiteSpace(Code) || !string.IsNullOrWhiteSpace(District)
        || !string.IsNullOrWhiteSpace(Industry) || !string.IsNullOrWhiteSpace(Size) || !string.IsNullOrWhiteSpace(Key);
}

public sealed record EmployerSummary(string Uscc, string Name, string Industry, string District, SizeClass SizeClass, bool KeyEnterprise, int Employees);

/// <summary>One page of matches. <see cref="Total"/> is exact up to <see cref="SearchEmployersHandler.CountLimit"/>, beyond it a lower bound.</summary>
public sealed record EmployerSearchResult(IReadOnlyList<EmployerSummary> Items, int Page, int PageSize, int Total, bool TotalIsExact)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public sealed class SearchEmployersHandler(RegistryDbContext db, IStringLocalizer<RegistryText> text)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Counting every match of a broad filter over 615,000 employers costs more than the page itself; nobody pages
    /// through more than this, so the count stops here and the page says "more than".
    /// </summary>
    public const int CountLimit = 10_000;

    public async Task<(EmployerSearchResult? Result, FieldErrors Errors)> HandleAsync(EmployerSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        var errors = new FieldErrors();
        var name = search.Name?.Trim();
        var code = search.Code?.Trim().ToUpperInvariant();
        var district = search.District?.Trim();
        var industry = search.Industry?.Trim();
        SizeClass? size = null;
        bool? key = null;

        if (name is { Length: > 200 })
        {
            errors.Add(nameof(search.Name), text["Search.Error.NameTooLong"]);
        }

        if (!string.IsNullOrEmpty(code) && (code.Length > 18 || !code.All(IsCodeCharacter)))
        {
            errors.Add(nameof(search.Code), text["Search.Error.Code"]);
        }

        if (!string.IsNullOrEmpty(district) && !Districts.IsKnown(district))
        {
            errors.Add(nameof(search.District), text["Search.Error.District"]);
        }

        if (!string.IsNullOrEmpty(industry) && !Industries.IsKnown(industry))
        {
            errors.Add(nameof(search.Industry), text["Search.Error.Industry"]);
        }

        if (!string.IsNullOrWhiteSpace(search.Size))
        {
            if (Enum.TryParse<SizeClass>(search.Size.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(search.Size, out _))
            {
                size = parsed;
            }
            else
            {
                errors.Add(nameof(search.Size), text["Search.Error.Size"]);
            }
        }

        if (!string.IsNullOrWhiteSpace(search.Key))
        {
            if (bool.TryParse(search.Key.Trim(), out var parsed))
            {
                key = parsed;
            }
            else
            {
                errors.Add(nameof(search.Key), text["Search.Error.Key"]);
            }
        }

        var page = ParseNumber(search.Page, 1, 1, CountLimit, nameof(search.Page), "Search.Error.Page", errors);
        var pageSize = ParseNumber(search.PageSize, DefaultPageSize, 1, MaxPageSize, nameof(search.PageSize), "Search.Error.PageSize", errors);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var query = db.Employers.AsNoTracking();
        if (!string.IsNullOrEmpty(name))
        {
            query = query.Where(e => EF.Functions.Like(e.Name, "%" + EscapeLike(name) + "%", "\\"));
        }

        if (!string.IsNullOrEmpty(code))
        {
            query = code.Length == 18 ? query.Where(e => e.Uscc == code) : query.Where(e => e.Uscc.StartsWith(code));
        }

        if (!string.IsNullOrEmpty(district))
        {
            query = query.Where(e => e.District == district);
        }

        if (!string.IsNullOrEmpty(industry))
        {
            query = query.Where(e => e.Industry == industry);
        }

        if (size is { } sizeClass)
        {
            query = query.Where(e => e.SizeClass == sizeClass);
        }

        if (key is { } keyEnterprise)
        {
            query = query.Where(e => e.KeyEnterprise == keyEnterprise);
        }

        // Two statements whatever the page: a bounded count and the page itself; no per-row queries.
        var counted = await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        var total = Math.Min(counted, CountLimit);
        var offset = (page - 1) * pageSize;
        var items = offset >= total
            ? []
            : await query
                .OrderBy(e => e.Name).ThenBy(e => e.Uscc)
                .Skip(offset).Take(pageSize)
                .Select(e => new EmployerSummary(e.Uscc, e.Name, e.Industry, e.District, e.SizeClass, e.KeyEnterprise, e.Employees))
                .ToListAsync(cancellationToken);
        return (new EmployerSearchResult(items, page, pageSize, total, counted <= CountLimit), errors);
    }

    private int ParseNumber(string? value, int fallback, int min, int max, string field, string message, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(field, text[message, min, max]);
        return fallback;
    }

    private static bool IsCodeCharacter(char c) => char.IsAsciiDigit(c) || (char.IsAsciiLetterUpper(c) && c is not ('I' or 'O' or 'S' or 'V' or 'Z'));

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
