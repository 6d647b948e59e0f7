using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Site;

/// <summary>
/// Issue 7 §6, roles that differ: every route of the host × every role → the answer docs/permissions.md promises.
/// The routes come from the host's own endpoint data source (each page with each of its handlers, each API endpoint
/// with its verb), so a new route without a row here fails <see cref="Every_route_of_the_host_has_a_row_in_the_table"/>.
/// A POST is sent with an empty form and no antiforgery token: a user who may is refused for the missing token (400)
/// or the empty body (400), one who may not is turned away before (denied), so nothing changes.
/// </summary>
public sealed class PermissionTableTests
{
    // The answers, as the app gives them:
    //   200, 400, 404; "302" another redirect (to the user's own record, back to sign-in's first step);
    //   "in"  the visitor is sent to sign in: a page redirects to /Account/SignIn, the API answers 401;
    //   "no"  the user may not: a page redirects to /Account/Denied, the API answers 403.
    private static readonly string[] Columns = ["visitor", "admin", "policy", "reviewer", "specialist", "inspector", "enterprise", "agency", "seeker", "liaison"];

    private static readonly string?[] ColumnRoles =
    [
        null, Roles.Administrator, Roles.PolicyOfficer, Roles.Reviewer, Roles.ServiceSpecialist, Roles.LabourInspector,
        Roles.Enterprise, Roles.HrAgency, Roles.JobSeeker, Roles.ProvinceLiaison,
    ];

    /// <summary>Route (verb and pattern as the host has it) → the address asked ({a}: the enterprise's own employer, …) → the answers.</summary>
    private static readonly (string Route, string Url, string Answers)[] Table =
    [
        //                                                                                                        visitor admin policy review spec insp  ent  agency seeker liaison
        ("GET /", "/",                                                                                             "200 200 200 200 200 200 200 200 200 200"),
        ("GET /Error", "/Error",                                                                                   "200 200 200 200 200 200 200 200 200 200"),
        ("POST /Error", "/Error",                                                                                  "200 200 200 200 200 200 200 200 200 200"),
        ("GET /Account/SignIn", "/Account/SignIn",                                                                 "200 200 200 200 200 200 200 200 200 200"),
        ("POST /Account/SignIn", "/Account/SignIn",                                                                "400 400 400 400 400 400 400 400 400 400"),
        ("GET /Account/SignInCode", "/Account/SignInCode",                                                         "in  in  in  in  in  in  in  in  in  in"),
        ("POST /Account/SignInCode", "/Account/SignInCode",                                                        "400 400 400 400 400 400 400 400 400 400"),
        ("GET /Account/SignOut", "/Account/SignOut",                                                               "200 200 200 200 200 200 200 200 200 200"),
        ("POST /Account/SignOut", "/Account/SignOut",                                                              "400 400 400 400 400 400 400 400 400 400"),
        ("GET /Account/Denied", "/Account/Denied",                                                                 "200 200 200 200 200 200 200 200 200 200"),
        ("GET /Account/TwoFactor", "/Account/TwoFactor",                                                           "in  200 200 200 200 200 200 200 200 200"),
        ("POST /Account/TwoFactor", "/Account/TwoFactor",                                                          "in  400 400 400 400 400 400 400 400 400"),
        ("POST /Account/TwoFactor?handler=RecoveryCodes", "/Account/TwoFactor?handler=RecoveryCodes",              "in  400 400 400 400 400 400 400 400 400"),
        ("POST /Account/TwoFactor?handler=NewKey", "/Account/TwoFactor?handler=NewKey",                            "in  400 400 400 400 400 400 400 400 400"),
        ("GET /Account/Profile", "/Account/Profile",                                                               "in  200 200 200 200 200 200 200 200 200"),
        ("POST /Account/Profile", "/Account/Profile",                                                              "in  400 400 400 400 400 400 400 400 400"),
        ("GET /Account/ChangePassword", "/Account/ChangePassword",                                                 "in  200 200 200 200 200 200 200 200 200"),
        ("POST /Account/ChangePassword", "/Account/ChangePassword",                                                "in  400 400 400 400 400 400 400 400 400"),
        ("GET /Account/Tokens", "/Account/Tokens",                                                                 "in  200 200 200 200 200 200 200 200 200"),
        ("POST /Account/Tokens", "/Account/Tokens",                                                                "in  400 400 400 400 400 400 400 400 400"),
        ("POST /Account/Tokens?handler=Revoke", "/Account/Tokens?handler=Revoke",                                  "in  400 400 400 400 400 400 400 400 400"),
        ("GET /Account/Inbox", "/Account/Inbox",                                                                   "in  200 200 200 200 200 200 200 200 200"),
        ("POST /Account/Inbox?handler=ReadAll", "/Account/Inbox?handler=ReadAll",                                  "in  400 400 400 400 400 400 400 400 400"),
        ("GET /Account/Notification/{id:long}", "/Account/Notification/1",                                         "in  404 404 404 404 404 404 404 404 404"),
        ("GET /Account/NotificationSettings", "/Account/NotificationSettings",                                     "in  200 200 200 200 200 200 200 200 200"),
        ("POST /Account/NotificationSettings", "/Account/NotificationSettings",                                    "in  400 400 400 400 400 400 400 400 400"),
        ("POST /culture", "/culture",                                                                              "400 400 400 400 400 400 400 400 400 400"),
        ("GET /search", "/search?q=91",                                                                            "in  302 no  302 302 302 no  no  no  no"),

        ("GET /Registry/Employers", "/Registry/Employers",                                                         "in  200 no  200 200 200 no  no  no  no"),
        ("GET /Registry/Employers?handler=Export", "/Registry/Employers?handler=Export&format=csv",                  "in  200 no  200 200 200 no  no  no  no"),
        ("GET /Registry/Employers/Detail/{uscc}", "/Registry/Employers/Detail/{a}",                                "in  200 no  200 200 200 200 no  no  no"),
        ("GET /Registry/Employers/Edit/{uscc?}", "/Registry/Employers/Edit/{a}",                                   "in  200 no  no  200 no  no  no  no  no"),
        ("POST /Registry/Employers/Edit/{uscc?}", "/Registry/Employers/Edit/{a}",                                  "in  400 no  no  400 no  no  no  no  no"),
        ("GET /Registry/Persons/Lookup", "/Registry/Persons/Lookup",                                               "in  200 no  200 no  200 no  no  no  no"),
        ("POST /Registry/Persons/Lookup", "/Registry/Persons/Lookup",                                              "in  400 no  400 no  400 no  no  no  no"),
        ("GET /Registry/Persons/Alerts", "/Registry/Persons/Alerts",                                               "in  200 no  no  no  no  no  no  no  no"),
        ("GET /Registry/Imports", "/Registry/Imports",                                                             "in  200 200 no  no  no  no  no  no  no"),
        ("POST /Registry/Imports", "/Registry/Imports",                                                            "in  400 no  no  no  no  no  no  no  no"),
        ("GET /Registry/Imports/Status/{id:guid}", "/Registry/Imports/Status/{import}",                            "in  200 200 no  no  no  no  no  no  no"),

        ("GET /Relief/Dashboard", "/Relief/Dashboard",                                                             "in  200 200 no  no  no  no  no  no  no"),
        ("GET /Relief/Reports", "/Relief/Reports",                                                                 "in  200 200 no  no  no  no  no  no  no"),
        ("GET /Relief/Statements/{uscc?}", "/Relief/Statements/{a}",                                               "in  200 no  200 200 no  200 no  no  no"),
        ("GET /Relief/Statements/Month/{uscc}/{month}", "/Relief/Statements/Month/{a}/2020-02",                    "in  200 no  200 200 no  200 no  no  no"),
        ("GET /Relief/Statements/Month/{uscc}/{month}?handler=Pdf", "/Relief/Statements/Month/{a}/2020-02?handler=Pdf", "in  200 no  200 200 no  200 no  no  no"),
        ("GET /Relief/Statements/Month/{uscc}/{month}?handler=Csv", "/Relief/Statements/Month/{a}/2020-02?handler=Csv", "in  200 no  200 200 no  200 no  no  no"),
        ("GET /Relief/Assessments", "/Relief/Assessments",                                                         "in  200 200 no  no  no  no  no  no  no"),
        ("POST /Relief/Assessments", "/Relief/Assessments",                                                        "in  400 400 no  no  no  no  no  no  no"),
        ("GET /Relief/Assessments/Run/{id:guid}", "/Relief/Assessments/Run/{assessment}",                          "in  200 200 no  no  no  no  no  no  no"),
        ("GET /Relief/Assessments/Diff", "/Relief/Assessments/Diff?month=2020-02&from=1&to=2",                     "in  200 200 no  no  no  no  no  no  no"),
        ("GET /Relief/Deferrals", "/Relief/Deferrals",                                                             "in  200 no  200 200 no  no  no  no  no"),
        ("POST /Relief/Deferrals", "/Relief/Deferrals",                                                            "in  400 no  400 no  no  no  no  no  no"),
        ("POST /Relief/Deferrals?handler=Revoke", "/Relief/Deferrals?handler=Revoke&id={deferral}",                "in  400 no  400 no  no  no  no  no  no"),
        ("GET /Relief/Scenarios", "/Relief/Scenarios",                                                             "in  200 200 no  no  no  no  no  no  no"),
        ("GET /Relief/Scenarios/Detail/{id:guid}", "/Relief/Scenarios/Detail/{scenario}",                          "in  200 200 no  no  no  no  no  no  no"),
        ("POST /Relief/Scenarios/Detail/{id:guid}", "/Relief/Scenarios/Detail/{scenario}",                         "in  400 400 no  no  no  no  no  no  no"),
        ("GET /Relief/Scenarios/Edit/{id:guid?}", "/Relief/Scenarios/Edit/{scenario}",                             "in  200 200 no  no  no  no  no  no  no"),
        ("POST /Relief/Scenarios/Edit/{id:guid?}", "/Relief/Scenarios/Edit/{scenario}",                            "in  400 400 no  no  no  no  no  no  no"),
        ("GET /Relief/Scenarios/Run/{id:guid}", "/Relief/Scenarios/Run/{scenarioRun}",                             "in  200 200 no  no  no  no  no  no  no"),

        ("GET /Admin/Audit", "/Admin/Audit",                                                                       "in  200 no  no  no  no  no  no  no  no"),
        ("GET /Admin/Users", "/Admin/Users",                                                                       "in  200 no  no  no  no  no  no  no  no"),
        ("GET /Admin/Jobs", "/Admin/Jobs",                                                                         "in  200 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Jobs?handler=Cancel", "/Admin/Jobs?handler=Cancel&id=00000000-0000-0000-0000-000000000001", "in  400 no  no  no  no  no  no  no  no"),
        ("GET /Admin/Users/Create", "/Admin/Users/Create",                                                         "in  200 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Users/Create", "/Admin/Users/Create",                                                        "in  400 no  no  no  no  no  no  no  no"),
        ("GET /Admin/Users/Details", "/Admin/Users/Details?id={enterpriseUser}",                                   "in  200 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Users/Details?handler=Roles", "/Admin/Users/Details?handler=Roles&id={enterpriseUser}", "in  400 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Users/Details?handler=Unlock", "/Admin/Users/Details?handler=Unlock&id={enterpriseUser}", "in  400 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Users/Details?handler=Disable", "/Admin/Users/Details?handler=Disable&id={enterpriseUser}", "in  400 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Users/Details?handler=Enable", "/Admin/Users/Details?handler=Enable&id={enterpriseUser}", "in  400 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Users/Details?handler=ResetPassword", "/Admin/Users/Details?handler=ResetPassword&id={enterpriseUser}", "in  400 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Users/Details?handler=ResetTwoFactor", "/Admin/Users/Details?handler=ResetTwoFactor&id={enterpriseUser}", "in  400 no  no  no  no  no  no  no  no"),
        ("GET /Admin/Users/Employer", "/Admin/Users/Employer?id={enterpriseUser}",                                 "in  200 no  no  no  no  no  no  no  no"),
        ("POST /Admin/Users/Employer", "/Admin/Users/Employer?id={enterpriseUser}",                                "in  400 no  no  no  no  no  no  no  no"),

        ("GET /api/v1/employers/", "/api/v1/employers",                                                            "in  200 no  200 200 200 no  no  no  no "),
        ("GET /api/v1/employers/{uscc}", "/api/v1/employers/{a}",                                                  "in  200 no  200 200 200 200 no  no  no "),
        ("POST /api/v1/imports/", "/api/v1/imports",                                                               "in  400 no  no  no  no  no  no  no  no "),
        ("GET /api/v1/imports/{id:guid}", "/api/v1/imports/{import}",                                              "in  200 200 no  no  no  no  no  no  no "),
        ("GET /api/v1/imports/{id:guid}/errors.csv", "/api/v1/imports/{import}/errors.csv",                        "in  200 200 no  no  no  no  no  no  no "),
        ("POST /api/v1/relief/calculate", "/api/v1/relief/calculate",                                              "400 400 400 400 400 400 400 400 400 400"),
        ("GET /api/v1/relief/reports/relief", "/api/v1/relief/reports/relief?month=2020-02&by=size_class",         "in  200 200 no  no  no  no  no  no  no "),
        ("GET /api/v1/relief/scenario-runs/{id:guid}", "/api/v1/relief/scenario-runs/{scenarioRun}",               "in  200 200 no  no  no  no  no  no  no "),
        ("POST /api/v1/relief/assessments", "/api/v1/relief/assessments",                                          "in  400 400 no  no  no  no  no  no  no "),
        ("GET /api/v1/relief/assessments", "/api/v1/relief/assessments",                                           "in  200 200 no  no  no  no  no  no  no "),
        ("GET /api/v1/relief/assessments/{id:guid}", "/api/v1/relief/assessments/{assessment}",                    "in  200 200 no  no  no  no  no  no  no "),
        ("GET /api/v1/relief/assessments/diff", "/api/v1/relief/assessments/diff?month=2020-02&from=1&to=2",       "in  200 200 no  no  no  no  no  no  no "),
        ("GET /api/v1/relief/deferrals", "/api/v1/relief/deferrals",                                               "in  200 no  200 200 no  no  no  no  no "),
        ("POST /api/v1/relief/deferrals", "/api/v1/relief/deferrals",                                              "in  400 no  400 no  no  no  no  no  no "),
        ("POST /api/v1/relief/deferrals/{id:long}/revoke", "/api/v1/relief/deferrals/{deferral}/revoke",           "in  400 no  400 no  no  no  no  no  no "),

        ("GET /Reviews/Tasks", "/Reviews/Tasks",                                                                   "in  200 no  200 no  no  no  no  no  no"),
        ("POST /Reviews/Tasks?handler=Claim", "/Reviews/Tasks?handler=Claim&id=1",                                 "in  400 no  400 no  no  no  no  no  no"),
        ("POST /Reviews/Tasks?handler=ApproveSelected", "/Reviews/Tasks?handler=ApproveSelected",                  "in  400 no  400 no  no  no  no  no  no"),
        ("GET /Reviews/Tasks/Detail/{id:long}", "/Reviews/Tasks/Detail/1",                                         "in  404 no  404 no  no  no  no  no  no"),
        ("POST /Reviews/Tasks/Detail/{id:long}?handler=Claim", "/Reviews/Tasks/Detail/1?handler=Claim",            "in  400 no  400 no  no  no  no  no  no"),
        ("POST /Reviews/Tasks/Detail/{id:long}?handler=Release", "/Reviews/Tasks/Detail/1?handler=Release",        "in  400 no  400 no  no  no  no  no  no"),
        ("POST /Reviews/Tasks/Detail/{id:long}?handler=Approve", "/Reviews/Tasks/Detail/1?handler=Approve",        "in  400 no  400 no  no  no  no  no  no"),
        ("POST /Reviews/Tasks/Detail/{id:long}?handler=Refuse", "/Reviews/Tasks/Detail/1?handler=Refuse",          "in  400 no  400 no  no  no  no  no  no"),
        ("POST /Reviews/Tasks/Detail/{id:long}?handler=Ask", "/Reviews/Tasks/Detail/1?handler=Ask",                "in  400 no  400 no  no  no  no  no  no"),
        ("GET /Reviews/Team", "/Reviews/Team",                                                                     "in  200 no  no  no  no  no  no  no  no"),
        ("POST /Reviews/Team?handler=Reassign", "/Reviews/Team?handler=Reassign",                                  "in  400 no  no  no  no  no  no  no  no"),
        ("POST /Reviews/Team?handler=Distribute", "/Reviews/Team?handler=Distribute",                              "in  400 no  no  no  no  no  no  no  no"),
        ("GET /Reviews/Team/ApproveQueue", "/Reviews/Team/ApproveQueue",                                           "in  200 no  no  no  no  no  no  no  no"),
        ("POST /Reviews/Team/ApproveQueue", "/Reviews/Team/ApproveQueue",                                          "in  400 no  no  no  no  no  no  no  no"),
        ("GET /Reviews/Letters/{id:long}", "/Reviews/Letters/1",                                                   "in  404 404 404 404 404 404 404 404 404"),
        ("GET /Reviews/Letters/{id:long}?handler=Pdf", "/Reviews/Letters/1?handler=Pdf",                           "in  404 404 404 404 404 404 404 404 404"),
        ("GET /Reviews/Mine", "/Reviews/Mine",                                                                     "in  no  no  no  no  no  200 no  no  no"),
        ("GET /Reviews/Mine/Deferral", "/Reviews/Mine/Deferral",                                                   "in  no  no  no  no  no  200 no  no  no"),
        ("POST /Reviews/Mine/Deferral", "/Reviews/Mine/Deferral",                                                  "in  no  no  no  no  no  400 no  no  no"),
        ("GET /Reviews/Mine/Objection", "/Reviews/Mine/Objection",                                                 "in  no  no  no  no  no  200 no  no  no"),
        ("POST /Reviews/Mine/Objection", "/Reviews/Mine/Objection",                                                "in  no  no  no  no  no  400 no  no  no"),
        ("GET /Reviews/Mine/Requests/{id:long}", "/Reviews/Mine/Requests/1",                                       "in  no  no  no  no  no  404 no  no  no"),
        ("POST /Reviews/Mine/Requests/{id:long}", "/Reviews/Mine/Requests/1",                                      "in  no  no  no  no  no  400 no  no  no"),
        ("GET /api/v1/reviews/tasks", "/api/v1/reviews/tasks",                                                     "in  200 no  200 no  no  no  no  no  no "),
        ("POST /api/v1/reviews/tasks/{id:long}/actions", "/api/v1/reviews/tasks/1/actions",                        "in  400 no  400 no  no  no  no  no  no "),
        ("POST /api/v1/reviews/deferrals", "/api/v1/reviews/deferrals",                                            "in  no  no  no  no  no  400 no  no  no "),
        ("GET /api/v1/reviews/requests", "/api/v1/reviews/requests",                                               "in  no  no  no  no  no  200 no  no  no "),
        ("GET /Recruitment/Jobs", "/Recruitment/Jobs",                                                             "in  200 200 200 200 200 200 200 200 200"),
        ("GET /api/v1/jobs/", "/api/v1/jobs",                                                                      "in  200 200 200 200 200 200 200 200 200"),
        ("GET /api/v1/jobs/typeahead", "/api/v1/jobs/typeahead?q=护",                                              "in  200 200 200 200 200 200 200 200 200"),
        ("GET /api/v1/jobs/changes", "/api/v1/jobs/changes",                                                       "in  200 200 200 200 200 200 200 200 200"),
        ("GET /Recruitment/Fairs", "/Recruitment/Fairs",                                                           "in  200 200 200 200 200 200 200 200 200"),
        ("POST /Recruitment/Fairs?handler=Campaign", "/Recruitment/Fairs?handler=Campaign",                        "in  400 400 400 400 400 400 400 400 400"),
        ("POST /Recruitment/Fairs?handler=Fair", "/Recruitment/Fairs?handler=Fair",                                "in  400 400 400 400 400 400 400 400 400"),
        ("GET /Recruitment/Fairs/Detail/{id:long}", "/Recruitment/Fairs/Detail/999",                               "in  404 404 404 404 404 404 404 404 404"),
        ("POST /Recruitment/Fairs/Detail/{id:long}?handler=Join", "/Recruitment/Fairs/Detail/999?handler=Join",    "in  400 400 400 400 400 400 400 400 400"),
        ("POST /Recruitment/Fairs/Detail/{id:long}?handler=Leave", "/Recruitment/Fairs/Detail/999?handler=Leave",  "in  400 400 400 400 400 400 400 400 400"),
        ("POST /Recruitment/Fairs/Detail/{id:long}?handler=Booth", "/Recruitment/Fairs/Detail/999?handler=Booth",  "in  400 400 400 400 400 400 400 400 400"),
        ("GET /Recruitment/Fairs/Booth/{id:long}", "/Recruitment/Fairs/Booth/999",                                 "in  404 404 404 404 404 404 404 404 404"),
        ("POST /Recruitment/Fairs/Booth/{id:long}?handler=Next", "/Recruitment/Fairs/Booth/999?handler=Next",      "in  400 400 400 400 400 400 400 400 400"),
        ("GET /api/v1/fairs/", "/api/v1/fairs",                                                                    "in  200 200 200 200 200 200 200 200 200"),
        ("POST /api/v1/fairs/", "/api/v1/fairs",                                                                   "in  400 400 no  400 no  no  no  no  no "),
        ("POST /api/v1/fairs/campaigns", "/api/v1/fairs/campaigns",                                                "in  400 400 no  400 no  no  no  no  no "),
        ("GET /api/v1/fairs/campaigns/{id:long}/stats", "/api/v1/fairs/campaigns/999/stats",                       "in  404 404 404 404 404 404 404 404 404"),
        ("GET /api/v1/fairs/{id:long}", "/api/v1/fairs/999",                                                       "in  404 404 404 404 404 404 404 404 404"),
        ("GET /api/v1/fairs/{id:long}/stats", "/api/v1/fairs/999/stats",                                           "in  404 404 404 404 404 404 404 404 404"),
        ("POST /api/v1/fairs/{id:long}/booths", "/api/v1/fairs/999/booths",                                        "in  400 no  no  no  no  404 no  no  no "),
        ("GET /api/v1/fairs/booths/{boothId:long}/queue", "/api/v1/fairs/booths/999/queue",                        "in  404 no  no  no  no  404 no  no  no "),
        ("POST /api/v1/fairs/booths/{boothId:long}/next", "/api/v1/fairs/booths/999/next",                         "in  404 no  no  no  no  404 no  no  no "),
        ("POST /api/v1/fairs/booths/{boothId:long}/queue", "/api/v1/fairs/booths/999/queue",                       "in  no  no  no  no  no  no  no  404 no "),
        ("DELETE /api/v1/fairs/booths/{boothId:long}/queue", "/api/v1/fairs/booths/999/queue",                     "in  no  no  no  no  no  no  no  404 no "),
        ("POST /api/v1/applications/{id:long}/interviews", "/api/v1/applications/999/interviews",                  "in  404 no  no  no  no  404 no  no  no "),
        ("GET /api/v1/interviews/{id:long}/invitation.ics", "/api/v1/interviews/999/invitation.ics",               "in  404 404 404 404 404 404 404 404 404"),
        ("POST /api/v1/interviews/{id:long}/response", "/api/v1/interviews/999/response",                          "in  no  no  no  no  no  no  no  404 no "),
        ("POST /api/v1/interviews/{id:long}/outcome", "/api/v1/interviews/999/outcome",                            "in  404 no  no  no  no  404 no  no  no "),
        ("GET /api/v1/seekers/{id:long}/recommendations", "/api/v1/seekers/999999/recommendations",              "in  404 404 404 404 404 404 404 404 404"),
        ("GET /api/v1/demand-lines/{id:long}/candidates", "/api/v1/demand-lines/999999/candidates",               "in  404 no  no  404 no  no  no  no  no "),
        ("GET /Recruitment/Jobs/Detail/{id:long}", "/Recruitment/Jobs/Detail/999",                                 "in  404 404 404 404 404 404 404 404 404"),
        ("POST /Recruitment/Jobs/Detail/{id:long}?handler=Apply", "/Recruitment/Jobs/Detail/999?handler=Apply",     "in  400 400 400 400 400 400 400 400 400"),
        ("GET /Recruitment/Applications", "/Recruitment/Applications",                                             "in  no  no  no  no  no  no  no  200 no"),
        ("POST /Recruitment/Applications?handler=Withdraw", "/Recruitment/Applications?handler=Withdraw&id=999",    "in  no  no  no  no  no  no  no  400 no"),
        ("GET /Recruitment/Pipeline/{id:long}", "/Recruitment/Pipeline/999",                                       "in  404 no  no  no  no  404 no  no  no"),
        ("POST /Recruitment/Pipeline/{id:long}?handler=Move", "/Recruitment/Pipeline/999?handler=Move",            "in  400 no  no  no  no  400 no  no  no"),
        ("POST /Recruitment/Pipeline/{id:long}?handler=Invite", "/Recruitment/Pipeline/999?handler=Invite",        "in  400 no  no  no  no  400 no  no  no"),
        ("POST /api/v1/jobs/", "/api/v1/jobs",                                                                     "in  404 no  no  no  no  400 no  no  no "),
        ("PUT /api/v1/jobs/{id:long}", "/api/v1/jobs/999",                                                         "in  404 no  no  no  no  404 no  no  no "),
        ("POST /api/v1/jobs/{id:long}/refresh", "/api/v1/jobs/999/refresh",                                        "in  404 no  no  no  no  404 no  no  no "),
        ("POST /api/v1/jobs/{id:long}/status", "/api/v1/jobs/999/status",                                          "in  404 no  no  no  no  404 no  no  no "),
        ("GET /Recruitment/Postings", "/Recruitment/Postings",                                                     "in  404 no  no  no  no  200 no  no  no"),
        ("POST /Recruitment/Postings?handler=Refresh", "/Recruitment/Postings?handler=Refresh&id=999",             "in  400 no  no  no  no  400 no  no  no"),
        ("POST /Recruitment/Postings?handler=Switch", "/Recruitment/Postings?handler=Switch&id=999",               "in  400 no  no  no  no  400 no  no  no"),
        ("GET /Recruitment/Postings/Edit/{id:long?}", "/Recruitment/Postings/Edit",                                "in  404 no  no  no  no  200 no  no  no"),
        ("POST /Recruitment/Postings/Edit/{id:long?}", "/Recruitment/Postings/Edit",                               "in  400 no  no  no  no  400 no  no  no"),
        ("GET /Recruitment/Seekers/Profile", "/Recruitment/Seekers/Profile",                                       "in  no  no  no  no  no  no  no  200 no"),
        ("POST /Recruitment/Seekers/Profile", "/Recruitment/Seekers/Profile",                                      "in  no  no  no  no  no  no  no  400 no"),
        ("POST /Recruitment/Seekers/Profile?handler=Recommendations", "/Recruitment/Seekers/Profile?handler=Recommendations&open=false", "in  no  no  no  no  no  no  no  400 no"),
        ("GET /Recruitment/Seekers/Resume", "/Recruitment/Seekers/Resume",                                         "in  no  no  no  no  no  no  no  302 no"),
        ("POST /Recruitment/Seekers/Resume?handler=Add", "/Recruitment/Seekers/Resume?handler=Add",                "in  no  no  no  no  no  no  no  400 no"),
        ("POST /Recruitment/Seekers/Resume?handler=Remove", "/Recruitment/Seekers/Resume?handler=Remove&entry=999", "in  no  no  no  no  no  no  no  400 no"),
        ("GET /Recruitment/Seekers/Consents", "/Recruitment/Seekers/Consents",                                     "in  no  no  no  no  no  no  no  302 no"),
        ("POST /Recruitment/Seekers/Consents?handler=Give", "/Recruitment/Seekers/Consents?handler=Give",          "in  no  no  no  no  no  no  no  400 no"),
        ("POST /Recruitment/Seekers/Consents?handler=Withdraw", "/Recruitment/Seekers/Consents?handler=Withdraw&uscc=x", "in  no  no  no  no  no  no  no  400 no"),
        ("POST /api/v1/jobs/{id:long}/applications", "/api/v1/jobs/999/applications",                              "in  no  no  no  no  no  no  no  404 no "),
        ("POST /api/v1/jobs/{id:long}/referrals", "/api/v1/jobs/999/referrals",                                    "in  400 no  no  400 no  no  400 no  no "),
        ("GET /api/v1/jobs/{id:long}/applications", "/api/v1/jobs/999/applications",                               "in  404 no  no  no  no  404 no  no  no "),
        ("GET /api/v1/applications/mine", "/api/v1/applications/mine",                                             "in  no  no  no  no  no  no  no  404 no "),
        ("POST /api/v1/applications/{id:long}/withdrawal", "/api/v1/applications/999/withdrawal",                  "in  no  no  no  no  no  no  no  404 no "),
        ("POST /api/v1/applications/{id:long}/stage", "/api/v1/applications/999/stage",                            "in  404 no  no  no  no  404 no  no  no "),
        ("POST /api/v1/applications/{id:long}/no-shows", "/api/v1/applications/999/no-shows",                      "in  404 no  no  no  no  404 no  no  no "),
        ("POST /api/v1/seekers/", "/api/v1/seekers",                                                               "in  400 no  no  400 no  no  400 no  no "),
        ("POST /api/v1/seekers/me", "/api/v1/seekers/me",                                                          "in  no  no  no  no  no  no  no  400 no "),
        ("GET /api/v1/seekers/me", "/api/v1/seekers/me",                                                           "in  no  no  no  no  no  no  no  404 no "),
        ("PUT /api/v1/seekers/me", "/api/v1/seekers/me",                                                           "in  no  no  no  no  no  no  no  404 no "),
        ("POST /api/v1/seekers/me/resume", "/api/v1/seekers/me/resume",                                            "in  no  no  no  no  no  no  no  404 no "),
        ("PUT /api/v1/seekers/me/resume/{entryId:long}", "/api/v1/seekers/me/resume/999",                          "in  no  no  no  no  no  no  no  404 no "),
        ("DELETE /api/v1/seekers/me/resume/{entryId:long}", "/api/v1/seekers/me/resume/999",                       "in  no  no  no  no  no  no  no  404 no "),
        ("PUT /api/v1/seekers/me/consents/{uscc}", "/api/v1/seekers/me/consents/{a}",                              "in  no  no  no  no  no  no  no  404 no "),
        ("DELETE /api/v1/seekers/me/consents/{uscc}", "/api/v1/seekers/me/consents/{a}",                           "in  no  no  no  no  no  no  no  404 no "),
        ("GET /api/v1/seekers/{id:long}", "/api/v1/seekers/999",                                                   "in  404 no  no  404 no  404 404 no  no "),

        ("GET /Payments/Payouts", "/Payments/Payouts",                                                             "in  200 200 200 no  no  no  no  no  no"),
        ("POST /Payments/Payouts", "/Payments/Payouts",                                                            "in  400 no  no  no  no  no  no  no  no"),
        ("POST /Payments/Payouts?handler=Account", "/Payments/Payouts?handler=Account",                            "in  400 no  no  no  no  no  no  no  no"),
        ("POST /Payments/Payouts?handler=Reverse", "/Payments/Payouts?handler=Reverse",                            "in  400 no  no  no  no  no  no  no  no"),
        ("GET /Payments/Payouts/Batch/{number:int}", "/Payments/Payouts/Batch/999",                                "in  404 no  no  no  no  no  no  no  no"),
        ("GET /Payments/Refunds", "/Payments/Refunds",                                                             "in  200 200 200 no  no  302 no  no  no"),
        ("POST /Payments/Refunds", "/Payments/Refunds",                                                            "in  400 400 no  no  no  no  no  no  no"),
        ("GET /Payments/Refunds/{year:int}/{uscc}", "/Payments/Refunds/2019/{a}",                                  "in  200 200 200 no  no  200 no  no  no"),
        ("POST /Payments/Refunds/{year:int}/{uscc}?handler=Apply", "/Payments/Refunds/2019/{a}?handler=Apply",     "in  400 400 400 no  no  400 no  no  no"),
        ("GET /Payments/Agencies", "/Payments/Agencies",                                                           "in  200 no  no  200 no  no  no  no  no"),
        ("POST /Payments/Agencies?handler=Verify", "/Payments/Agencies?handler=Verify&id=999",                     "in  400 no  no  400 no  no  no  no  no"),
        ("GET /Payments/Placements", "/Payments/Placements",                                                       "in  no  no  no  no  no  no  404 no  no"),
        ("POST /Payments/Placements?handler=Register", "/Payments/Placements?handler=Register",                    "in  no  no  no  no  no  no  400 no  no"),
        ("POST /Payments/Placements?handler=Record", "/Payments/Placements?handler=Record",                        "in  no  no  no  no  no  no  400 no  no"),
        ("POST /Payments/Placements?handler=Upload", "/Payments/Placements?handler=Upload",                        "in  no  no  no  no  no  no  400 no  no"),
        ("POST /api/v1/payments/placements", "/api/v1/payments/placements",                                        "in  no  no  no  no  no  no  404 no  no "),
        ("GET /api/v1/payments/placements", "/api/v1/payments/placements",                                         "in  no  no  no  no  no  no  404 no  no "),
        ("GET /api/v1/payments/payments", "/api/v1/payments/payments",                                             "in  200 200 200 no  no  no  no  no  no "),
        ("POST /api/v1/payments/batches", "/api/v1/payments/batches",                                              "in  400 no  no  no  no  no  no  no  no "),
        ("GET /api/v1/payments/batches/{number:int}/file", "/api/v1/payments/batches/999/file",                    "in  404 no  no  no  no  no  no  no  no "),

        ("GET /Ledger/Lines", "/Ledger/Lines",                                                                     "in  200 200 no  200 no  200 no  no  no"),
        ("GET /Ledger/Lines/Detail/{id:long}", "/Ledger/Lines/Detail/999",                                         "in  404 404 no  404 no  404 no  no  no"),
        ("POST /Ledger/Lines/Detail/{id:long}?handler=Confirm", "/Ledger/Lines/Detail/999?handler=Confirm",        "in  400 400 no  400 no  400 no  no  no"),
        ("POST /Ledger/Lines/Detail/{id:long}?handler=Close", "/Ledger/Lines/Detail/999?handler=Close",            "in  400 400 no  400 no  400 no  no  no"),
        ("POST /Ledger/Lines/Detail/{id:long}?handler=FirstContact", "/Ledger/Lines/Detail/999?handler=FirstContact","in  400 400 no  400 no  400 no  no  no"),
        ("POST /Ledger/Lines/Detail/{id:long}?handler=Reassign", "/Ledger/Lines/Detail/999?handler=Reassign",      "in  400 400 no  400 no  400 no  no  no"),
        ("GET /Ledger/Lines/Edit/{id:long?}", "/Ledger/Lines/Edit",                                                "in  200 no  no  200 no  200 no  no  no"),
        ("POST /Ledger/Lines/Edit/{id:long?}", "/Ledger/Lines/Edit",                                               "in  400 no  no  400 no  400 no  no  no"),
        ("GET /Ledger/Designations", "/Ledger/Designations",                                                       "in  200 200 no  no  no  no  no  no  no"),
        ("POST /Ledger/Designations", "/Ledger/Designations",                                                      "in  400 400 no  no  no  no  no  no  no"),
        ("POST /Ledger/Designations?handler=End", "/Ledger/Designations?handler=End&id=999",                       "in  400 400 no  no  no  no  no  no  no"),
        ("GET /Ledger/Confirm/{token}", "/Ledger/Confirm/not-a-token",                                             "200 200 200 200 200 200 200 200 200 200"),
        ("POST /Ledger/Confirm/{token}", "/Ledger/Confirm/not-a-token",                                            "400 400 400 400 400 400 400 400 400 400"),
        ("GET /api/v1/ledger/designations/", "/api/v1/ledger/designations",                                        "in  200 200 no  no  no  no  no  no  no "),
        ("POST /api/v1/ledger/designations/", "/api/v1/ledger/designations",                                       "in  400 400 no  no  no  no  no  no  no "),
        ("POST /api/v1/ledger/designations/{id:long}/end", "/api/v1/ledger/designations/999/end",                  "in  404 404 no  no  no  no  no  no  no "),
        ("GET /api/v1/ledger/specialists/", "/api/v1/ledger/specialists",                                          "in  200 no  no  no  no  no  no  no  no "),
        ("POST /api/v1/ledger/specialists/", "/api/v1/ledger/specialists",                                         "in  400 no  no  no  no  no  no  no  no "),
        ("GET /api/v1/ledger/lines/", "/api/v1/ledger/lines",                                                      "in  200 200 no  200 no  200 no  no  no "),
        ("POST /api/v1/ledger/lines/", "/api/v1/ledger/lines",                                                     "in  400 no  no  400 no  400 no  no  no "),
        ("GET /api/v1/ledger/lines/{id:long}", "/api/v1/ledger/lines/999",                                         "in  404 404 no  404 no  404 no  no  no "),
        ("PUT /api/v1/ledger/lines/{id:long}", "/api/v1/ledger/lines/999",                                         "in  404 no  no  404 no  404 no  no  no "),
        ("POST /api/v1/ledger/lines/{id:long}/close", "/api/v1/ledger/lines/999/close",                            "in  404 no  no  404 no  404 no  no  no "),
        ("POST /api/v1/ledger/lines/{id:long}/confirm", "/api/v1/ledger/lines/999/confirm",                        "in  404 no  no  404 no  404 no  no  no "),
        ("POST /api/v1/ledger/lines/{id:long}/first-contact", "/api/v1/ledger/lines/999/first-contact",            "in  404 no  no  404 no  no  no  no  no "),
        ("POST /api/v1/ledger/lines/{id:long}/assignment", "/api/v1/ledger/lines/999/assignment",                  "in  404 no  no  no  no  no  no  no  no "),

        ("GET /files/{id:guid}", "/files/00000000-0000-0000-0000-000000000001",                                    "in  404 404 404 404 404 404 404 404 404"),
        ("GET /api/v1/files/{id:guid}", "/api/v1/files/00000000-0000-0000-0000-000000000001",                      "in  404 404 404 404 404 404 404 404 404"),
        ("POST /api/v1/files", "/api/v1/files",                                                                    "in  400 400 400 400 400 400 400 400 400"),

        ("GET /healthz", "/healthz",                                                                               "200 200 200 200 200 200 200 200 200 200"),
        ("GET /readyz", "/readyz",                                                                                 "200 200 200 200 200 200 200 200 200 200"),
        ("GET /api/{documentName}/openapi.json", "/api/v1/openapi.json",                                           "200 200 200 200 200 200 200 200 200 200"),
        ("GET /api/reference/{documentName?}", "/api/reference/v1",                                                "200 200 200 200 200 200 200 200 200 200"),
        ("GET /api/reference/scalar.js", "/api/reference/scalar.js",                                               "200 200 200 200 200 200 200 200 200 200"),
        ("GET /api/reference/scalar.aspnetcore.js", "/api/reference/scalar.aspnetcore.js",                         "200 200 200 200 200 200 200 200 200 200"),
        ("GET /api/reference/favicon.svg", "/api/reference/favicon.svg",                                           "200 200 200 200 200 200 200 200 200 200"),
    ];

    // One provider: no table is read, the routes are the host's whichever provider it runs on.
    [Fact]
    public async Task Every_route_of_the_host_has_a_row_in_the_table()
    {
        // No database is read: the routes are the host's, whichever provider it runs on.
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);

        var routes = await RoutesAsync(factory);

        var rows = Table.Select(r => r.Route).ToList();
        Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
        var missing = routes.Except(rows, StringComparer.Ordinal).ToList();
        var stale = rows.Except(routes, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"Routes without a row (add one here and to docs/permissions.md):\n  {string.Join("\n  ", missing)}\nRows without a route:\n  {string.Join("\n  ", stale)}");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_role_gets_the_answer_the_table_gives_on_every_route(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var records = await SiteRecords.ArrangeAsync(factory);
        var cookies = new string?[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            if (ColumnRoles[i] is { } role)
            {
                using var client = await SignedInClient.CreateAsync(factory, role, role == Roles.Enterprise ? records.OwnEmployer : null);
                cookies[i] = client.Cookies.GetCookieHeader(new Uri("http://localhost"));
            }
        }

        var multipartRoutes = MultipartRoutes(factory);
        var wrong = new List<string>();
        foreach (var (route, template, answers) in Table)
        {
            var expected = answers.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(expected.Length == Columns.Length, $"The row {route} has {expected.Length} answers.");
            var method = route.Split(' ', 2)[0];
            var url = template
                .Replace("{a}", records.OwnEmployer, StringComparison.Ordinal)
                .Replace("{import}", records.ImportRunId.ToString(), StringComparison.Ordinal)
                .Replace("{assessment}", records.AssessmentRunId.ToString(), StringComparison.Ordinal)
                .Replace("{scenarioRun}", records.ScenarioRunId.ToString(), StringComparison.Ordinal)
                .Replace("{scenario}", records.ScenarioId.ToString(), StringComparison.Ordinal)
                .Replace("{deferral}", records.DeferralId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{enterpriseUser}", records.EnterpriseUserId, StringComparison.Ordinal);
            for (var i = 0; i < Columns.Length; i++)
            {
                var actual = await AnswerAsync(factory, multipartRoutes, method, url, cookies[i], i);
                if (actual != expected[i])
                {
                    wrong.Add($"{Columns[i]} {method} {url}: expected {expected[i]}, got {actual}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} answers differ from the permission table on {provider}:\n  " + string.Join("\n  ", wrong));
    }

    /// <summary>The literal beginnings of the routes whose POST takes a multipart form (<c>Accepts(…, "multipart/form-data")</c>).</summary>
    private static IReadOnlyList<string> MultipartRoutes(WenjiuFactory factory) =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true)
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.TakeWhile(segment => segment.IsSimple && segment.Parts[0].IsLiteral)
                .Select(segment => ((Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart)segment.Parts[0]).Content)))];

    /// <summary>
    /// One request straight through the test server, from its own address per column (the sign-in pages' rate limit
    /// counts per address), with the column's sign-in cookie; POSTs carry an empty body (a form, or <c>{}</c> for JSON).
    /// </summary>
    private static async Task<string> AnswerAsync(WenjiuFactory factory, IReadOnlyList<string> multipartRoutes, string method, string url, string? cookie, int column)
    {
        var (path, query) = url.Split('?', 2) is [var p, var q] ? (p, "?" + q) : (url, "");
        // The API takes JSON unless its endpoint declares a multipart form (a file upload); pages take a url-encoded form.
        // Read from the endpoints themselves, so a new module's API needs no change here.
        var multipart = method == "POST" && multipartRoutes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));
        var json = path.StartsWith("/api/", StringComparison.Ordinal) && !multipart;
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Request.QueryString = new QueryString(query);
            c.Connection.RemoteIpAddress = System.Net.IPAddress.Parse($"10.0.0.{column + 1}");
            if (cookie is { Length: > 0 })
            {
                c.Request.Headers.Cookie = cookie;
            }

            if (method == "POST")
            {
                var body = json ? "{}"u8.ToArray() : multipart ? "--empty--\r\n"u8.ToArray() : [];
                c.Request.ContentType = json ? "application/json" : multipart ? "multipart/form-data; boundary=empty" : "application/x-www-form-urlencoded";
                c.Request.ContentLength = body.Length;
                c.Request.Body = new MemoryStream(body);
            }
        });

        var status = context.Response.StatusCode;
        var location = context.Response.Headers.Location.ToString();
        var target = location.Length == 0 ? "" : new Uri(new Uri("http://localhost"), location).AbsolutePath;
        return status switch
        {
            302 when target.Equals("/Account/SignIn", StringComparison.OrdinalIgnoreCase) => "in",
            302 when target.Equals("/Account/Denied", StringComparison.OrdinalIgnoreCase) => "no",
            401 => "in",
            403 => "no",
            _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Every route of the host as "VERB /pattern": a page once per handler verb (and its named handlers as
    /// <c>?handler=Name</c>), by its shortest address (an Index page is also reachable as …/Index); an endpoint with its verbs.
    /// </summary>
    private static async Task<List<string>> RoutesAsync(WenjiuFactory factory)
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var routes = new List<string>();
        foreach (var page in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => (e.Metadata.GetMetadata<PageActionDescriptor>()!.AreaName, e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)))
        {
            var pattern = "/" + page.Select(e => e.RoutePattern.RawText ?? "").OrderBy(t => t.Length).First().TrimStart('/');
            var compiled = await loader.LoadAsync(page.First().Metadata.GetMetadata<PageActionDescriptor>()!, EndpointMetadataCollection.Empty);
            routes.Add($"GET {pattern}");
            foreach (var handler in compiled.HandlerMethods.Where(h => !string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) || h.Name is { Length: > 0 }))
            {
                routes.Add($"{handler.HttpMethod.ToUpperInvariant()} {pattern}{(handler.Name is { Length: > 0 } name ? $"?handler={name}" : "")}");
            }
        }

        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            var verbs = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            routes.AddRange(verbs.Select(v => $"{v} /{endpoint.RoutePattern.RawText?.TrimStart('/')}"));
        }

        return routes.Distinct(StringComparer.Ordinal).ToList();
    }
}
