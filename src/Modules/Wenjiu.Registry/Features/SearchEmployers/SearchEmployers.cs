using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.SearchEmployers;

/// <summary>
/// Employer search as the page's form and the API's query string give it: every value as text, so that a wrong one
/// becomes an error naming its field rather than a binding failure.
/// </summary>
internal sealed class EmployerSearch
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

    /// <summary><c>name</c> (the default), <c>code</c>, <c>size</c>, <c>district</c> or <c>employees</c>.</summary>
    public string? Sort { get; set; }

    /// <summary><c>asc</c> (the default) or <c>desc</c>.</summary>
    public string? Direction { get; set; }

    public string? Page { get; set; }

    public string? PageSize { get; set; }

    /// <summary>Whether any filter is set (an empty form lists every employer in name order).</summary>
    public bool HasFilters =>
        !string.IsNullOrWhiteSpace(Name) || !string.IsNullOrWhiteSpace(Code) || !string.IsNullOrWhiteSpace(District)
        || !string.IsNullOrWhiteSpace(Industry) || !string.IsNullOrWhiteSpace(Size) || !string.IsNullOrWhiteSpace(Key);
}

/// <summary>The orders the employer list offers; each ends on the code, so that equal keys keep one order from page to page.</summary>
internal enum EmployerOrder
{
    Name,
    Code,
    Size,
    District,
    Employees,
}

internal sealed record EmployerSummary(string Uscc, string Name, string Industry, string District, SizeClass SizeClass, bool KeyEnterprise, int Employees);

/// <summary>One page of matches. <see cref="Total"/> is exact up to <see cref="SearchEmployersHandler.CountLimit"/>, beyond it a lower bound.</summary>
internal sealed record EmployerSearchResult(IReadOnlyList<EmployerSummary> Items, int Page, int PageSize, int Total, bool TotalIsExact)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

internal sealed class SearchEmployersHandler(RegistryDbContext db, IStringLocalizer<RegistryText> text)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Counting every match of a broad filter over 615,000 employers costs more than the page itself; nobody pages
    /// through more than this, so the count stops here and the page says "more than".
    /// </summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// The most rows one export writes. A broader filter gets its first rows in the order asked for (the page says so):
    /// an export is for a district's or an industry's list, not a copy of the registry.
    /// </summary>
    public const int ExportLimit = CountLimit;

    public async Task<(EmployerSearchResult? Result, FieldErrors Errors)> HandleAsync(EmployerSearch search, CancellationToken cancellationToken = default)
    {
        var (query, page, pageSize, errors) = Filter(search);
        if (query is null)
        {
            return (null, errors);
        }

        // Two statements whatever the page: a bounded count and the page itself; no per-row queries.
        var counted = await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        var total = Math.Min(counted, CountLimit);
        var offset = (page - 1) * pageSize;
        var items = offset >= total
            ? []
            : await Summaries(query).Skip(offset).Take(pageSize).ToListAsync(cancellationToken);
        return (new EmployerSearchResult(items, page, pageSize, total, counted <= CountLimit), errors);
    }

    /// <summary>
    /// Every match in the order asked for, up to <see cref="ExportLimit"/>, streamed from the database (one statement,
    /// read as it is written out). Null with the errors when the search does not validate.
    /// </summary>
    public (IAsyncEnumerable<EmployerSummary>? Rows, FieldErrors Errors) Export(EmployerSearch search)
    {
        var (query, _, _, errors) = Filter(search);
        return query is null ? (null, errors) : (Summaries(query).Take(ExportLimit).AsAsyncEnumerable(), errors);
    }

    private (IQueryable<Employer>? Query, int Page, int PageSize, FieldErrors Errors) Filter(EmployerSearch search)
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
        var order = EmployerOrder.Name;
        if (!string.IsNullOrWhiteSpace(search.Sort) && !(Enum.TryParse(search.Sort.Trim(), ignoreCase: true, out order) && Enum.IsDefined(order) && !int.TryParse(search.Sort, out _)))
        {
            errors.Add(nameof(search.Sort), text["Search.Error.Sort"]);
        }

        var descending = false;
        if (!string.IsNullOrWhiteSpace(search.Direction))
        {
            switch (search.Direction.Trim().ToUpperInvariant())
            {
                case "ASC":
                    break;
                case "DESC":
                    descending = true;
                    break;
                default:
                    errors.Add(nameof(search.Direction), text["Search.Error.Direction"]);
                    break;
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, page, pageSize, errors);
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

        return (Ordered(query, order, descending), page, pageSize, errors);
    }

    /// <summary>
    /// The order asked for, always ending on the code (unique), so that the same search pages and exports in one
    /// order. Name and code are served by their indexes; size sorts by the classes' rank (large first), not their names.
    /// </summary>
    private static IQueryable<Employer> Ordered(IQueryable<Employer> query, EmployerOrder order, bool descending) => (order, descending) switch
    {
        (EmployerOrder.Code, false) => query.OrderBy(e => e.Uscc),
        (EmployerOrder.Code, true) => query.OrderByDescending(e => e.Uscc),
        (EmployerOrder.Size, false) => query.OrderBy(e => e.SizeClass == SizeClass.Large ? 0 : e.SizeClass == SizeClass.Medium ? 1 : e.SizeClass == SizeClass.Small ? 2 : 3).ThenBy(e => e.Name).ThenBy(e => e.Uscc),
        (EmployerOrder.Size, true) => query.OrderByDescending(e => e.SizeClass == SizeClass.Large ? 0 : e.SizeClass == SizeClass.Medium ? 1 : e.SizeClass == SizeClass.Small ? 2 : 3).ThenBy(e => e.Name).ThenBy(e => e.Uscc),
        (EmployerOrder.District, false) => query.OrderBy(e => e.District).ThenBy(e => e.Name).ThenBy(e => e.Uscc),
        (EmployerOrder.District, true) => query.OrderByDescending(e => e.District).ThenBy(e => e.Name).ThenBy(e => e.Uscc),
        (EmployerOrder.Employees, false) => query.OrderBy(e => e.Employees).ThenBy(e => e.Uscc),
        (EmployerOrder.Employees, true) => query.OrderByDescending(e => e.Employees).ThenBy(e => e.Uscc),
        (_, true) => query.OrderByDescending(e => e.Name).ThenByDescending(e => e.Uscc),
        _ => query.OrderBy(e => e.Name).ThenBy(e => e.Uscc),
    };

    private static IQueryable<EmployerSummary> Summaries(IQueryable<Employer> ordered) =>
        ordered.Select(e => new EmployerSummary(e.Uscc, e.Name, e.Industry, e.District, e.SizeClass, e.KeyEnterprise, e.Employees));

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
