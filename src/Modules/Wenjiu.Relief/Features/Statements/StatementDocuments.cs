using System.Globalization;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Documents;
using Wenjiu.Platform.Exports;
using Wenjiu.Platform.Money;
using Wenjiu.Platform.Time;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Features.Statements;

/// <summary>
/// A month's statement as files the enterprise keeps: a PDF of the bill and every person's lines (what the page shows,
/// without the traces), and a CSV of the lines. Both in the reader's language, persons masked as on the page, money in
/// 元 with two decimals, the time of generation in Beijing time.
/// </summary>
internal static class StatementDocuments
{
    public const string PdfContentType = "application/pdf";
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static string FileName(StatementMonth view, string extension)
    {
        ArgumentNullException.ThrowIfNull(view);
        return $"statement_{view.Employer.Uscc}_{view.Bill.Month}.{extension}";
    }

    /// <summary>"Generated 2026-12-01 21:10 (Beijing time)" in the reader's language.</summary>
    public static string Generated(IStringLocalizer<ReliefText> text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Statement.Generated", BeijingTime.Format(now)];
    }

    public static void WritePdf(StatementMonth view, IStringLocalizer<ReliefText> text, DateTimeOffset now, Stream output)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(text);
        var bill = view.Bill;
        var e = view.Employer;
        var heading = text["Statement.MonthHeading", bill.Month.ToString()].Value;
        using var pdf = new PdfReport($"{heading} {e.Uscc}", $"{e.Uscc} · {heading} · {Generated(text, now)}");
        pdf.Heading(heading);
        pdf.Paragraph($"{e.Name ?? e.Uscc}", strong: true);
        pdf.Paragraph($"{text["Statement.Uscc"]}: {e.Uscc}");
        var category = $"{text["Statement.CategoryIs"]}{text.Category(bill.Category)}";
        if (bill.SizeClass is not null)
        {
            category += $" · {text["Statement.SizeClass"]}: {text.SizeClass(bill.SizeClass)}";
        }

        pdf.Paragraph(category);
        pdf.Paragraph(text["Statement.Assessed", bill.Version, BeijingTime.Format(bill.AssessedAt), bill.RuleSetVersion]);

        pdf.Paragraph(text["Statement.BillCaption", bill.Month.ToString()], strong: true);
        var rows = bill.Insurances.Select(i => (IReadOnlyList<string>)[text.Insurance(i.Insurance), Yuan(i.EmployerDue), Yuan(i.EmployerRelief), Yuan(i.EmployerPayable), Yuan(i.EmployeePayable)]).ToList();
        rows.Add([text["Report.Total"], Yuan(bill.EmployerDue), Yuan(bill.EmployerRelief), Yuan(bill.EmployerPayable), Yuan(bill.EmployeePayable)]);
        pdf.Table(
            [
                new(text["Statement.Insurance"], 2),
                new(MoneyText.HeadingInYuan(text["Figure.Due"]), 2, Number: true),
                new(MoneyText.HeadingInYuan(text["Figure.Relief"]), 2, Number: true),
                new(MoneyText.HeadingInYuan(text["Figure.Payable"]), 2, Number: true),
                new(MoneyText.HeadingInYuan(text["Figure.EmployeePayable"]), 2, Number: true),
            ],
            rows,
            new HashSet<int> { rows.Count - 1 });
        pdf.Paragraph($"{text["Figure.Deferred"]}: {MoneyText.Yuan(bill.Deferred)}");
        pdf.Paragraph($"{text["Statement.PayNow"]}: {MoneyText.Yuan(bill.EmployerPayableNow + bill.EmployeePayable)}", strong: true);

        pdf.Paragraph(text["Statement.Lines"], strong: true);
        if (view.RecomputeProblem is not null)
        {
            pdf.Paragraph(view.RecomputeProblem == "not_registered" ? text["Statement.NotRegistered"] : view.RecomputeProblem);
        }
        else
        {
            if (!view.Matches)
            {
                pdf.Paragraph(text["Statement.Differs"]);
            }

            pdf.Table(
                [
                    new(text["Statement.Person"], 3),
                    new(text["Statement.Insurance"], 2),
                    new(text["Statement.Party"], 1.3),
                    new(MoneyText.HeadingInYuan(text["Statement.Base"]), 2, Number: true),
                    new(text["Statement.Rate"], 1.2, Number: true),
                    new(MoneyText.HeadingInYuan(text["Figure.Due"]), 2, Number: true),
                    new(MoneyText.HeadingInYuan(text["Figure.Relief"]), 1.7, Number: true),
                    new(MoneyText.HeadingInYuan(text["Statement.Paid"]), 1.7, Number: true),
                ],
                view.Persons.SelectMany(p => p.Lines.Select((l, i) => (IReadOnlyList<string>)
                [
                    i == 0 ? $"{p.Name} {p.IdNumber}\n{text["Statement.Wage"]} {MoneyText.Yuan(p.Wage)}" : "",
                    text.Insurance(l.Insurance),
                    text.Party(l.Party),
                    l.Base is { } b ? Yuan(b) : "—",
                    Rate(l.Rate),
                    Yuan(l.Due),
                    Yuan(l.Relief),
                    Yuan(l.Payable),
                ])));
        }

        pdf.Save(output);
    }

    /// <summary>One row per person, insurance and party; headers in the reader's language, each code beside its name.</summary>
    public static async Task WriteCsvAsync(StatementMonth view, IStringLocalizer<ReliefText> text, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(text);
        string[] header =
        [
            text["Statement.Uscc"], text["Statement.Month"], text["Statement.PersonName"], text["Statement.PersonId"], MoneyText.HeadingInYuan(text["Statement.Wage"]),
            text["Statement.InsuranceCode"], text["Statement.Insurance"], text["Statement.PartyCode"], text["Statement.Party"],
            MoneyText.HeadingInYuan(text["Statement.Base"]), text["Statement.Rate"], MoneyText.HeadingInYuan(text["Figure.Due"]), MoneyText.HeadingInYuan(text["Figure.Relief"]), MoneyText.HeadingInYuan(text["Statement.Paid"]),
        ];
        await using var csv = new CsvWriter(output);
        await csv.LineAsync(header);
        foreach (var p in view.Persons)
        {
            foreach (var l in p.Lines)
            {
                csv.Text(view.Employer.Uscc).Text(view.Bill.Month.ToString()).Text(p.Name).Text(p.IdNumber).Number(p.Wage, "0.00")
                    .Text(l.Insurance.Code()).Text(text.Insurance(l.Insurance)).Text(l.Party.Code()).Text(text.Party(l.Party));
                if (l.Base is { } b)
                {
                    csv.Number(b, "0.00");
                }
                else
                {
                    csv.Text("");
                }

                if (l.Rate is { } r)
                {
                    csv.Number(r, "0.######");
                }
                else
                {
                    csv.Text("");
                }

                await csv.Number(l.Due, "0.00").Number(l.Relief, "0.00").Number(l.Payable, "0.00").EndLineAsync();
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static string Yuan(decimal amount) => MoneyText.Number(amount);

    private static string Rate(decimal? rate) => rate is { } r ? (r * 100).ToString("0.###", CultureInfo.CurrentCulture) + "%" : "—";
}
