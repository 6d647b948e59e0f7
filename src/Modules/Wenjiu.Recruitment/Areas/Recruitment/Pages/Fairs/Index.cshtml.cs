using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Fairs;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Fairs;

/// <summary>Campaigns and their fairs with live statistics; staff create them here (times in Beijing time).</summary>
internal sealed class IndexModel(Features.Fairs.Fairs fairs) : PageModel
{
    internal IReadOnlyList<(Campaign? Campaign, IReadOnlyList<Fair> Fairs, FairStats? Stats)> Campaigns { get; private set; } = [];

    internal IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public CampaignForm NewCampaign { get; set; } = new();

    [BindProperty]
    public FairForm NewFair { get; set; } = new();

    public bool MayManage => User.May(Permissions.ManageFairs);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCampaignAsync(CancellationToken cancellationToken)
    {
        if (!MayManage)
        {
            return Forbid();
        }

        var result = await fairs.CreateCampaignAsync(
            new CampaignInput(NewCampaign.Kind, NewCampaign.NameZh, NewCampaign.NameEn, NewCampaign.StartsOn, NewCampaign.EndsOn), User.Identity!.Name!, cancellationToken);
        if (result.Value is null)
        {
            Errors = result.Errors.ToDictionary(e => "NewCampaign." + e.Key, e => e.Value);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFairAsync(CancellationToken cancellationToken)
    {
        if (!MayManage)
        {
            return Forbid();
        }

        static DateTimeOffset? Beijing(DateTime? local) => local is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), BeijingTime.Zone.GetUtcOffset(l)) : null;
        var result = await fairs.CreateFairAsync(
            new FairInput(NewFair.CampaignId, NewFair.NameZh, NewFair.NameEn, Beijing(NewFair.StartsAt), Beijing(NewFair.EndsAt), Beijing(NewFair.RegistrationClosesAt)),
            User.Identity!.Name!, cancellationToken);
        if (result.Value is not { } fair)
        {
            Errors = result.Errors.ToDictionary(e => "NewFair." + e.Key, e => e.Value);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("Detail", new { id = fair.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var list = new List<(Campaign?, IReadOnlyList<Fair>, FairStats?)>();
        foreach (var (campaign, items) in await fairs.ListAsync(cancellationToken))
        {
            list.Add((campaign, items, campaign is null ? null : await fairs.CampaignStatsAsync(campaign.Id, cancellationToken)));
        }

        Campaigns = list;
    }

    internal sealed class CampaignForm
    {
        public string? Kind { get; set; } = "graduates_month";

        public string? NameZh { get; set; }

        public string? NameEn { get; set; }

        public DateOnly? StartsOn { get; set; }

        public DateOnly? EndsOn { get; set; }
    }

    internal sealed class FairForm
    {
        public long? CampaignId { get; set; }

        public string? NameZh { get; set; }

        public string? NameEn { get; set; }

        /// <summary>Beijing time, as the form's datetime-local fields give it.</summary>
        public DateTime? StartsAt { get; set; }

        public DateTime? EndsAt { get; set; }

        public DateTime? RegistrationClosesAt { get; set; }
    }
}
