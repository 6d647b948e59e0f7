using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Agencies;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Tests.Events;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using Wenjiu.Tests.Reviews;

namespace Wenjiu.Tests.Payments;

/// <summary>HR-agency subsidies (issue 9 §6): placements confirmed from insured employment, a tier reached, a claim reviewed and paid once.</summary>
public sealed class AgencySubsidyTests
{
    private static int next = 7_000;

    [Fact]
    public async Task A_placements_file_is_read_by_its_header_in_any_order_with_quoting_and_a_file_without_the_columns_is_refused_whole()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        var key = CityGenerator.MakeUscc("91", "110105", Interlocked.Increment(ref next));
        var agencyUscc = CityGenerator.MakeUscc("91", "110108", Interlocked.Increment(ref next));
        var people = Enumerable.Range(0, 2).Select(_ => RegistryData.NewIdNumber()).ToList();
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Csv(
            "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise",
            $"{key},重点保供企业,retail,110105,200,5000,3000,0.4,true",
            $"{agencyUscc},北京人力资源服务公司,leasing_business,110108,20,500,300,0.2,false"));
        using var agencyUser = await SignedInClient.CreateAsync(factory, Roles.HrAgency, agencyUscc);
        using var register = await agencyUser.PostFormAsync("/Payments/Placements", "/Payments/Placements?handler=Register", [new("name", "北京人力资源服务公司"), new("licence", "京人服证字〔2019〕第0002号")]);
        // Columns reordered, an extra column, a quoted cell, a byte-order mark and CRLF line ends: as a spreadsheet saves it.
        var csv = "\uFEFFplaced_on,note,employer_uscc,id_number\r\n"
            + $"2020-03-02,\"张三, 调度员\",{key},{people[0]}\r\n"
            + $"\"2020-03-03\",,\"{key}\",{people[1]}\r\n";
        using var wrong = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("id_number,uscc,date\n" + $"{people[0]},{key},2020-03-02\n")), "file", "wrong.csv" } };

        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "placements.csv" } };
        using var upload = await agencyUser.PostMultipartAsync("/Payments/Placements", "/Payments/Placements?handler=Upload", content);
        using var refused = await agencyUser.PostMultipartAsync("/Payments/Placements", "/Payments/Placements?handler=Upload", wrong);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var placed = await QueryAsync(factory, db => db.Placements.OrderBy(p => p.PlacedOn).Select(p => p.PlacedOn).ToListAsync());
        Assert.Equal([new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 3)], placed);
        Assert.Contains("Upload_File-error", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await QueryAsync(factory, db => db.Placements.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_agency_that_reaches_fifty_confirmed_placements_gets_a_claim_that_is_paid_once_and_exported(DatabaseProvider provider)
    {
        // The claim is approved in the review queue by one reviewer (no draw) and paid through the outbox, delivered here.
        await using var factory = await WenjiuFactory.CreateAsync(provider, ReviewData.OneReviewer);
        var key = CityGenerator.MakeUscc("91", "110105", Interlocked.Increment(ref next));
        var agencyUscc = CityGenerator.MakeUscc("91", "110108", Interlocked.Increment(ref next));
        var people = Enumerable.Range(0, 51).Select(_ => RegistryData.NewIdNumber()).ToList();
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Csv(
            "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise",
            $"{key},重点保供企业,retail,110105,200,5000,3000,0.4,true",
            $"{agencyUscc},北京人力资源服务公司,leasing_business,110108,20,500,300,0.2,false"));
        // 50 started at the key enterprise in the placement's month; the 51st only four months later (not confirmed).
        await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Csv(
            [.. new[] { "id_number,name,uscc,start_month,end_month,wage" }
                .Concat(people.Take(50).Select(id => $"{id},测试人员,{key},2020-03,,6000"))
                .Append($"{people[50]},测试人员,{key},2020-07,,6000")]));
        using var agencyUser = await SignedInClient.CreateAsync(factory, Roles.HrAgency, agencyUscc);
        using var register = await agencyUser.PostFormAsync("/Payments/Placements", "/Payments/Placements?handler=Register", [new("name", "北京人力资源服务公司"), new("licence", "京人服证字〔2019〕第0001号")]);
        var csv = "id_number,employer_uscc,placed_on\n" + string.Join("\n", people.Select(id => $"{id},{key},2020-03-02")) + "\n";

        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "placements.csv" } };
        using var upload = await agencyUser.PostMultipartAsync("/Payments/Placements", "/Payments/Placements?handler=Upload", content);
        var page = await agencyUser.GetPageAsync("/Payments/Placements?culture=en");

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Contains("id=\"agency-counted\">50<", page, StringComparison.Ordinal);
        Assert.Contains("no insured employment there starting in the placement", page, StringComparison.Ordinal);
        Assert.DoesNotContain(people[0], page, StringComparison.Ordinal);
        var claim = await QueryAsync(factory, db => db.SubsidyClaims.SingleAsync());
        Assert.Equal((50, 24_000m, ApplicationStatus.InReview), (claim.Tier, claim.Amount, claim.Status));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var subsidies = scope.ServiceProvider.GetRequiredService<AgencySubsidies>();
            var agency = (await subsidies.FindAsync(agencyUscc))!;
            await subsidies.VerifyAsync(agency.Id, "specialist");
        }

        await PaymentData.AccountAsync(factory, agencyUscc);
        using var reviewer = await ReviewData.ReviewerAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var approved = await scope.ServiceProvider.GetRequiredService<IReviewDecisions>().ApproveAsync(AgencySubsidies.ClaimKind, claim.Id.ToString(CultureInfo.InvariantCulture), reviewer.UserName, null);
            Assert.Equal(ReviewDecisionState.Approved, approved.State);
        }

        await factory.DispatchAsync();
        await factory.DispatchAsync();
        var export = await PaymentData.ExportAsync(factory);

        var text = Encoding.UTF8.GetString(export.Batch!.Content);
        Assert.Equal(1, export.Batch.Payments);
        Assert.Contains($"AS-{agencyUscc},{agencyUscc},北京人力资源服务公司,6222020200112345678,24000.00,", text, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Approved, (await QueryAsync(factory, db => db.SubsidyClaims.SingleAsync())).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_person_placed_by_two_agencies_counts_for_the_first_only(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var key = CityGenerator.MakeUscc("91", "110105", Interlocked.Increment(ref next));
        var person = RegistryData.NewIdNumber();
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Csv(
            "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise",
            $"{key},重点保供企业,retail,110105,200,5000,3000,0.4,true"));
        await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Csv("id_number,name,uscc,start_month,end_month,wage", $"{person},测试人员,{key},2020-04,,6000"));
        await using var scope = factory.Services.CreateAsyncScope();
        var subsidies = scope.ServiceProvider.GetRequiredService<AgencySubsidies>();
        var first = (await subsidies.RegisterAsync(CityGenerator.MakeUscc("91", "110108", Interlocked.Increment(ref next)), "甲机构", "L1", "a")).Agency!;
        var second = (await subsidies.RegisterAsync(CityGenerator.MakeUscc("91", "110108", Interlocked.Increment(ref next)), "乙机构", "L2", "b")).Agency!;

        await subsidies.RecordAsync(second, [new PlacementInput(person, key, "2020-04-10")], "b");
        await subsidies.RecordAsync(first, [new PlacementInput(person, key, "2020-04-01")], "a");

        var forFirst = (await subsidies.ProgressAsync(first.Uscc, "a"))!;
        var forSecond = (await subsidies.ProgressAsync(second.Uscc, "b"))!;
        Assert.Equal(1, forFirst.Counted);
        Assert.Equal(0, forSecond.Counted);
        Assert.Equal("counted_for_another_agency", Assert.Single(forSecond.Placements).Reason);
    }

    private static async Task<T> QueryAsync<T>(WenjiuFactory factory, Func<PaymentsDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaymentsDbContext>());
    }
}
