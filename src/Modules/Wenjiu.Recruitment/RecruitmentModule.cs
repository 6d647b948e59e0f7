using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.Web;
using Wenjiu.Recruitment.Features.Postings;
using Wenjiu.Recruitment.Features.Search;
using Wenjiu.Recruitment.Localization;

namespace Wenjiu.Recruitment;

/// <summary>
/// Online recruitment (issue 10 §2–§4): postings (ordinary, and published from the ledger's demand lines), their
/// unpublishing when stale, and the job search on each node's own Lucene.NET index kept fresh from the change sequence.
/// </summary>
public static class RecruitmentModule
{
    public const string Area = "Recruitment";

    public static WebApplicationBuilder AddRecruitment(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddModuleDatabase<Data.RecruitmentDbContext>(Data.RecruitmentDbContext.Module, order: 600);
        services.AddModulePages(Area, AuthorizePages);
        services.Configure<PostingOptions>(builder.Configuration.GetSection(PostingOptions.Section));
        services.Configure<SearchOptions>(builder.Configuration.GetSection(SearchOptions.Section));

        services.AddScoped<Postings>();
        services.AddScoped<Features.Seekers.Seekers>();
        services.AddScoped<Features.Applications.Applications>();
        services.AddScoped<IndexTail>();
        services.Configure<Features.Recommendations.RecommendationOptions>(builder.Configuration.GetSection(Features.Recommendations.RecommendationOptions.Section));
        services.AddScoped<Features.Recommendations.Recommender>();
        services.AddScoped<Features.Recommendations.SeekerMatchIndex>();
        services.AddScoped<ILineCandidates, Features.Recommendations.LineCandidates>();
        services.AddScoped<Features.Fairs.Fairs>();
        services.AddScoped<Features.Interviews.Interviews>();
        services.AddScheduledJob<Features.Interviews.InterviewReminders>(Features.Interviews.InterviewReminders.Kind, TimeSpan.FromMinutes(5));
        services.AddNotificationKinds(
            new NotificationKind(Features.Interviews.Interviews.InvitationKind, typeof(RecruitmentText), "Notification.Interview", 600),
            new NotificationKind(Features.Interviews.Interviews.ReminderKind, typeof(RecruitmentText), "Notification.InterviewReminder", 610));
        services.AddScoped<IMarketFiles, Features.Postings.MarketFileLoader>();
        services.AddSingleton<JobIndex>();
        services.AddHostedService<IndexTailService>();
        services.AddJob<RebuildIndexJob>(RebuildIndexJob.Kind, JobRetry.UpTo(2, TimeSpan.FromMinutes(1)));
        services.AddScheduledJob<StaleUnpublishing>(StaleUnpublishing.Kind, TimeSpan.FromDays(1));
        services.AddEventHandler<DemandLineChanged, PublishDemandLine>();
        services.AddDemoData<Demo.RecruitmentDemoData>();
        services.AddDemoData<Demo.FairDemoData>();

        services.AddNavigationLinks(
            NavigationLink.To("nav-recruitment-jobs", typeof(RecruitmentText), "Nav.Jobs", 600, "/Recruitment/Jobs", Permissions.SearchJobs),
            NavigationLink.To("nav-recruitment-fairs", typeof(RecruitmentText), "Nav.Fairs", 650, "/Recruitment/Fairs", Permissions.SearchJobs),
            NavigationLink.To("nav-recruitment-applications", typeof(RecruitmentText), "Nav.Applications", 610, "/Recruitment/Applications", Permissions.SeekWork),
            NavigationLink.To("nav-recruitment-profile", typeof(RecruitmentText), "Nav.Profile", 605, "/Recruitment/Seekers/Profile", Permissions.SeekWork),
            NavigationLink.To("nav-recruitment-postings", typeof(RecruitmentText), "Nav.Postings", 620, "/Recruitment/Postings", Permissions.ManagePostings));
        return builder;
    }

    /// <summary>Which action each folder needs (docs/permissions.md).</summary>
    private static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaFolder(Area, "/Jobs", Permissions.SearchJobs);
        conventions.AuthorizeAreaFolder(Area, "/Fairs", Permissions.SearchJobs);
        conventions.AuthorizeAreaFolder(Area, "/Applications", Permissions.SeekWork);
        conventions.AuthorizeAreaFolder(Area, "/Seekers", Permissions.SeekWork);
        conventions.AuthorizeAreaFolder(Area, "/Pipeline", Permissions.WorkApplications);
        conventions.AuthorizeAreaFolder(Area, "/Postings", Permissions.ManagePostings);
    }

    public static IEndpointRouteBuilder MapRecruitment(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var jobs = endpoints.MapGroup("/api/v1/jobs").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        JobEndpoints.Map(jobs);
        Features.Recommendations.RecommendationEndpoints.Map(endpoints);
        var fairs = endpoints.MapGroup("/api/v1/fairs").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Features.Fairs.FairEndpoints.Map(fairs);
        EmployerPostingEndpoints.Map(jobs);
        Features.Applications.ApplicationEndpoints.MapOnJobs(jobs);
        var seekers = endpoints.MapGroup("/api/v1/seekers").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Features.Seekers.SeekerEndpoints.Map(seekers);
        var applications = endpoints.MapGroup("/api/v1/applications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Features.Applications.ApplicationEndpoints.MapOnApplications(applications);
        var interviews = endpoints.MapGroup("/api/v1/interviews").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        Features.Interviews.InterviewEndpoints.Map(applications, interviews);
        return endpoints;
    }
}
