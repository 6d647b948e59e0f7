using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Notifications;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Notifications;

/// <summary>Issue 8 §5 (ADR 0010): the inbox, and e-mail through the outbox to a local SMTP sink the tests start.</summary>
public sealed class NotificationTests
{
    private const string Kind = "relief.deferral_recorded";
    private const string Uscc = "91110105MA00000010";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Mail_goes_out_in_each_users_language_once_per_notification_even_after_a_redelivery(DatabaseProvider provider)
    {
        var port = FreePort();
        using var sink = SimpleSmtpServer.Start(port);
        await using var factory = await WenjiuFactory.CreateAsync(provider, Mailing(port));
        var english = await UserAsync(factory, "en", "li.si@example.com");
        var chinese = await UserAsync(factory, "zh-CN", "zhang.san@example.com");

        await NotifyAsync(factory, "delivery-1");
        await DispatchAsync(factory);
        // As after a crash between the SMTP server's acceptance and the outbox recording it: every message due again.
        await factory.ExecuteSqlAsync($"UPDATE {factory.Table("platform", "outbox_messages")} SET delivered_at = NULL, next_attempt_at = '2000-01-01 00:00:00+00'");
        await factory.ExecuteSqlAsync($"DELETE FROM {factory.Table("platform", "handled_events")}");
        await DispatchAsync(factory);

        var mails = Received(sink);
        Assert.Equal(2, mails.Count);
        var toEnglish = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == english.Email);
        Assert.Equal("A contribution deferral was recorded for your employer (2020-02 to 2020-03)", toEnglish.Subject);
        Assert.Contains("as approved under reference 京人社缓〔2020〕7号", toEnglish.TextBody, StringComparison.Ordinal);
        var toChinese = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == chinese.Email);
        Assert.Contains("缓缴", toChinese.Subject, StringComparison.Ordinal);
        Assert.NotEqual(toEnglish.MessageId, toChinese.MessageId);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_mail_the_smtp_server_did_not_take_is_retried_and_later_sent(DatabaseProvider provider)
    {
        var port = FreePort();
        await using var factory = await WenjiuFactory.CreateAsync(provider, Mailing(port));
        var user = await UserAsync(factory, "en", "wang.wu@example.com");
        await NotifyAsync(factory, "delivery-1");

        await DispatchAsync(factory); // no server listens on the port yet
        var failed = await MailRequestsAsync(factory);
        using var sink = SimpleSmtpServer.Start(port);
        // Its back-off has passed.
        await factory.ExecuteSqlAsync($"UPDATE {factory.Table("platform", "outbox_messages")} SET next_attempt_at = '2000-01-01 00:00:00+00' WHERE delivered_at IS NULL");
        await DispatchAsync(factory);

        var request = Assert.Single(failed);
        Assert.Null(request.DeliveredAt);
        Assert.NotNull(request.LastError);
        Assert.Equal(user.Email, Assert.Single(Received(sink)).To.Mailboxes.Single().Address);
        Assert.NotNull(Assert.Single(await MailRequestsAsync(factory)).DeliveredAt);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task With_e_mail_turned_off_for_a_kind_no_mail_is_sent_but_the_inbox_gets_the_notification(DatabaseProvider provider)
    {
        var port = FreePort();
        using var sink = SimpleSmtpServer.Start(port);
        await using var factory = await WenjiuFactory.CreateAsync(provider, Mailing(port));
        var user = await UserAsync(factory, "zh-CN", "zhao.liu@example.com");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationInbox>().SavePreferencesAsync(user.Id, [Kind], new HashSet<string>());
        }

        await NotifyAsync(factory, "delivery-1");
        await DispatchAsync(factory);

        Assert.Empty(sink.ReceivedEmail);
        await using var check = factory.Services.CreateAsyncScope();
        var page = await check.ServiceProvider.GetRequiredService<NotificationInbox>().PageAsync(user.Id, 1);
        Assert.Equal(Kind, Assert.Single(page.Items).Kind);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_reads_their_own_notification_in_the_inbox_and_another_user_gets_404_for_it(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Events:Dispatch"] = "false" });
        var owner = await SignIn.AsAsync(factory, Roles.Enterprise, Uscc, userName: "inbox-owner");
        var other = await SignIn.AsAsync(factory, Roles.Enterprise, Uscc, userName: "inbox-other");
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var ownerId = (await scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>().FindByNameAsync("inbox-owner"))!.Id;
            await scope.ServiceProvider.GetRequiredService<INotifications>().NotifyAsync(
                new NotificationRequest(Recipients.Users(ownerId), Kind, ["2020-02", "2020-03", "京人社缓〔2020〕7号"], "/Relief/Deferrals", "inbox-test"));
            id = (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Notifications.SingleAsync()).Id;
        }

        var inbox = await owner.GetStringAsync(new Uri("/Account/Inbox", UriKind.Relative));
        using var othersAttempt = await other.GetAsync(new Uri($"/Account/Notification/{id}", UriKind.Relative));
        var opened = await owner.GetStringAsync(new Uri($"/Account/Notification/{id}", UriKind.Relative));
        var afterwards = await owner.GetStringAsync(new Uri("/Account/Inbox", UriKind.Relative));
        var othersInbox = await other.GetStringAsync(new Uri("/Account/Inbox", UriKind.Relative));

        Assert.Contains("id=\"unread-count\"", inbox, StringComparison.Ordinal);
        Assert.Contains($"data-notification=\"{id}\"", inbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, othersAttempt.StatusCode);
        Assert.Contains("京人社缓〔2020〕7号", WebUtility.HtmlDecode(opened), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"unread-count\"", afterwards, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-notification=\"{id}\"", othersInbox, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Mailing(int port) => new()
    {
        ["Events:Dispatch"] = "false",
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:Smtp:From"] = "\"Wenjiu\" <noreply@hrss.example.gov.cn>",
    };

    private static async Task<WenjiuUser> UserAsync(WenjiuFactory factory, string culture, string email)
    {
        var user = await SignIn.CreateUserAsync(factory, Roles.Enterprise, Uscc);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        stored.Culture = culture;
        stored.Email = email;
        Assert.True((await users.UpdateAsync(stored)).Succeeded);
        return stored;
    }

    private static async Task NotifyAsync(WenjiuFactory factory, string key)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotifications>().NotifyAsync(
            new NotificationRequest(Recipients.OfEmployer(Uscc), Kind, ["2020-02", "2020-03", "京人社缓〔2020〕7号"], "/Relief/Deferrals", key));
    }

    private static Task<int> DispatchAsync(WenjiuFactory factory) => factory.Services.GetRequiredService<OutboxDispatcher>().DispatchAllDueAsync();

    private static async Task<List<OutboxMessage>> MailRequestsAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type == NotificationMailRequested.EventType).ToListAsync();
    }

    /// <summary>What reached the sink, parsed back by MimeKit (encoded Chinese subjects included).</summary>
    private static List<MimeMessage> Received(SimpleSmtpServer sink) =>
        [.. sink.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
