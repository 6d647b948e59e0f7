using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.Web;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Features.Deferrals;
using Wenjiu.Reviews.Features.Notices;
using Wenjiu.Reviews.Features.Objections;
using Wenjiu.Reviews.Features.Queue;
using Wenjiu.Reviews.Localization;

namespace Wenjiu.Reviews;

/// <summary>
/// Reviews (issue 9): the review queue every reviewed request goes through (tasks, four eyes, letters), the deferral
/// applications and size-class objections it owns, and the enterprise's one place for its requests and payments.
/// </summary>
public static class ReviewsModule
{
    public const string Area = "Reviews";

    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddModuleDatabase<Data.ReviewsDbContext>(Data.ReviewsDbContext.Module, order: 300);
        services.AddModulePages(Area, AuthorizePages);
        services.Configure<ReviewOptions>(builder.Configuration.GetSection(ReviewOptions.Section));

        services.AddScoped<ReviewQueue>();
        services.AddScoped<ReviewQueries>();
        services.AddScoped<DeferralApplications>();
        services.AddScoped<SizeObjections>();
        services.AddScoped<IReviewRequests, ReviewRequestsForModules>();
        services.AddScoped<IReviewDecisions, ReviewDecisionsForModules>();
        services.AddDemoData<Demo.ReviewsDemoData>();
        services.AddJob<ApproveQueueJob>(ApproveQueueJob.Kind, JobRetry.UpTo(3, TimeSpan.FromSeconds(30)));
        services.AddScheduledJob<OverdueEscalation>(OverdueEscalation.Kind, TimeSpan.FromHours(1));

        services.AddEventHandler<ReviewDecided, RecordApprovedDeferral>();
        services.AddEventHandler<ReviewDecided, ReclassifyUpheldObjection>();
        services.AddEventHandler<ReviewDecided, TellApplicant>();
        services.AddEventHandler<InformationRequested, TellApplicant>();
        services.AddNotificationKinds(
            new NotificationKind(TellApplicant.ApprovedKind, typeof(ReviewsText), "Notification.Approved", 300),
            new NotificationKind(TellApplicant.RefusedKind, typeof(ReviewsText), "Notification.Refused", 310),
            new NotificationKind(TellApplicant.QuestionKind, typeof(ReviewsText), "Notification.Question", 320),
            new NotificationKind(ReviewQueue.AnsweredKind, typeof(ReviewsText), "Notification.Answered", 330),
            new NotificationKind(ReviewQueue.OverdueKind, typeof(ReviewsText), "Notification.Overdue", 340));

        services.AddNavigationLinks(
            NavigationLink.To("nav-reviews-tasks", typeof(ReviewsText), "Nav.Tasks", 300, "/Reviews/Tasks", Permissions.ReviewTasks),
            NavigationLink.To("nav-reviews-team", typeof(ReviewsText), "Nav.Team", 310, "/Reviews/Team", Permissions.LeadReviews),
            NavigationLink.To("nav-reviews-mine", typeof(ReviewsText), "Nav.Mine", 320, "/Reviews/Mine", Permissions.ApplyForReview));
        return builder;
    }

    /// <summary>
    /// Which action each folder needs (docs/permissions.md). Letters are read by staff who review and by the applicant's
    /// own users: the area is open to signed-in users and the letter's handler checks which (404 otherwise).
    /// </summary>
    private static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaFolder(Area, "/Tasks", Permissions.ReviewTasks);
        conventions.AuthorizeAreaFolder(Area, "/Team", Permissions.LeadReviews);
        conventions.AuthorizeAreaFolder(Area, "/Mine", Permissions.ApplyForReview);
    }

    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1/reviews").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        TaskEndpoints.Map(api);
        DeferralApplicationEndpoints.Map(api);
        return endpoints;
    }
}
