using Wenjiu.Platform;
using Wenjiu.Registry;
using Wenjiu.Relief;
using Wenjiu.Ledger;
using Wenjiu.Payments;
using Wenjiu.Recruitment;
using Wenjiu.Reviews;
using Wenjiu.Web;
using Wenjiu.Web.CommandLine;

// One executable: the web host (`serve`, the default) and the operator's verbs (migrate, seed, import, users, audit, relief).
var builder = WebApplication.CreateBuilder(WenjiuCommands.HostArguments(args));

builder.AddPlatform();
builder.AddWeb();
builder.AddRegistry();
builder.AddRelief();
builder.AddPayments();
builder.AddLedger();
builder.AddReviews();
builder.AddRecruitment();

var app = builder.Build();

app.UseWeb();
app.MapWeb();
app.MapRegistry();
app.MapRelief(WebSetup.PublicRateLimit);
app.MapPayments();
app.MapLedger();
app.MapReviews();
app.MapRecruitment();

return await WenjiuCommands.RunAsync(app, args);

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
